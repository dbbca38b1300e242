/* Start-up of a POSIX program. crt0 calls main(argc, argv, envp) and hands its result to
 * sys_exit; add_posix_program links with --wrap=main, so that call lands here instead: the
 * environment becomes newlib's environ, and returning from main is exit(), which flushes stdio
 * and runs atexit handlers. Nothing runs before main, and crt0 stays the same for all programs. */
#include <stdlib.h>
#include <unistd.h>

int __real_main(int argc, char **argv, char **envp);
int __wrap_main(int argc, char **argv, char **envp);

int __wrap_main(int argc, char **argv, char **envp)
{
    environ = envp;
    exit(__real_main(argc, argv, envp));
}

/* What crti.o and crtn.o would give: newlib's __libc_init_array and __libc_fini_array (ARM's
 * libc.a links the latter in for exit) call these around the .init/.fini sections, and our
 * programs have none. */
void _init(void);
void _fini(void);

void _init(void)
{
}

void _fini(void)
{
}
