/* echo, for the echo program and the shell's builtin alike. */
#ifndef COMMANDS_ECHO_H
#define COMMANDS_ECHO_H

/* Prints argv[1..] to stdout as echo does, options included: -n no newline at the end, -e
 * backslash escapes (\n, \t, \\, \c to stop, \0nnn, ...), -E none (the default). */
void echo_args(int argc, char **argv);

#endif
