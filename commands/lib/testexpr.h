/* The expression language of test and [, shared by the test program and the shell's builtin. */
#ifndef COMMANDS_TESTEXPR_H
#define COMMANDS_TESTEXPR_H

/* Evaluates the operands (without "test", "[" or the closing "]"): 0 true, 1 false, 2 an
 * error, which is reported as "prog: ...". */
int test_eval(const char *prog, int argc, char **argv);

#endif
