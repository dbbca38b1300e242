/* The log server: collects text from processes a line at a time and prints each whole line
 * on the kernel console, so lines from different processes never interleave. */
#include <libsys.h>
#include "../../lib/common/string.h"

#define MAX_CLIENTS 32
#define LINE_MAX 200

struct client {
    endpoint_t ep;
    uint32_t len;
    char line[LINE_MAX + 2];
};

static struct client clients[MAX_CLIENTS];

static struct client *client_for(endpoint_t ep)
{
    struct client *free_slot = NULL;
    for (int i = 0; i < MAX_CLIENTS; i++) {
        if (clients[i].ep == ep)
            return &clients[i];
        if (!free_slot && clients[i].len == 0)
            free_slot = &clients[i];
    }
    if (free_slot)
        free_slot->ep = ep;
    return free_slot ? free_slot : &clients[ep % MAX_CLIENTS];
}

static void flush(struct client *c)
{
    c->line[c->len] = '\0';
    sys_diag(c->line);
    c->len = 0;
}

static void append(struct client *c, const char *text, uint32_t len)
{
    for (uint32_t i = 0; i < len; i++) {
        c->line[c->len++] = text[i];
        if (text[i] == '\n' || c->len >= LINE_MAX) {
            if (text[i] != '\n')
                c->line[c->len++] = '\n';
            flush(c);
        }
    }
}

/* Copies the text in pieces; returns the bytes taken, or the copy's error if none was. */
static int write_from_grant(endpoint_t from, grant_id_t g, uint32_t len)
{
    char piece[LINE_MAX];
    uint32_t done = 0;
    while (done < len) {
        uint32_t n = len - done < sizeof piece ? len - done : sizeof piece;
        int r = sys_safecopyfrom(from, g, done, piece, n);
        if (r != OK)
            return done ? (int)done : r;
        append(client_for(from), piece, n);
        done += n;
    }
    return (int)done;
}

int main(void)
{
    endpoint_t self;
    char name[16];
    if (sys_whoami(&self, name) != OK || self != LOG_PROC)
        sys_diag("log: not at the well-known endpoint; clients will not find it\n");
    for (;;) {
        message m;
        if (ipc_receive(ANY, &m) != OK)
            continue;
        if (m.m_type == NOTIFY_MESSAGE)
            continue;
        int status = OK;
        if (m.m_type == LOG_WRITE && m.m.log.len <= sizeof m.m.log.text)
            append(client_for(m.m_source), m.m.log.text, m.m.log.len);
        else if (m.m_type == LOG_WRITE_GRANT)
            status = write_from_grant(m.m_source, m.m.log_grant.grant, m.m.log_grant.len);
        else
            status = -EBADREQUEST;
        endpoint_t to = m.m_source;
        memset(&m, 0, sizeof m);
        m.m_type = status;
        ipc_sendnb(to, &m);
    }
}
