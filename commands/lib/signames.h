/* Signal names and descriptions for sh and kill: the C library has no portable table of its own
 * (strsignal is not everywhere), and the numbers differ between systems. */
#ifndef COMMANDS_SIGNAMES_H
#define COMMANDS_SIGNAMES_H

/* "KILL", "SIGKILL", "kill" or "9" -> 9; -1 if unknown. */
int sig_number(const char *name);
/* 9 -> "KILL"; NULL if unknown. */
const char *sig_name(int sig);
/* 9 -> "Killed", as a shell reports a command it killed. */
const char *sig_text(int sig);
/* The i-th known signal number (i from 0), or -1 past the end: for kill -l. */
int sig_at(int i);

#endif
