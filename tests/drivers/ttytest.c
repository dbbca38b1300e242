/* ttytest: the tty driver as a program sees it: a prompt written through the driver, then a
 * line read back with the line discipline's editing applied. */
#include <testjob.h>
#include "../../lib/common/string.h"

static endpoint_t tty;

static int tty_io(int type, void *buf, uint32_t len)
{
    grant_id_t g = grant_make(tty, buf, len, type == DEV_READ ? GRANT_WRITE : GRANT_READ);
    message m = { 0 };
    m.m.dev.grant = g;
    m.m.dev.count = len;
    int r = call(tty, &m, type);
    grant_revoke(g);
    return r;
}

int main(void)
{
    for (int i = 0; i < 100 && ds_lookup("tty", &tty) != OK; i++) {
        message m;
        sys_setalarm(1);
        ipc_receive(CLOCK, &m);
    }
    static char prompt[] = "ttytest: type a line\n";
    int w = tty_io(DEV_WRITE, prompt, sizeof prompt - 1);
    static char line[128];
    int n = tty_io(DEV_READ, line, sizeof line - 1);
    if (n > 0 && line[n - 1] == '\n')
        n--;
    line[n > 0 ? n : 0] = '\0';
    log_printf("ttytest: wrote %d, got \"%s\" (%d)\n", w, line, n);
    return 0;
}
