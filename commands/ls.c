/* ls: lists files and directory contents, sorted by name. Usage: ls [-1adl] [file...]
 * -l long form, -a dot files too, -d directories themselves, -1 one a line (unless a tty). */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#if defined(__has_include)
#if __has_include(<sys/sysmacros.h>)
#include <sys/sysmacros.h>
#endif
#endif

struct entry {
    char *name;    /* as shown */
    char *path;    /* as opened */
    struct stat st;
};

struct list {
    struct entry *v;
    int n, cap;
};

static int opt_long, opt_all, opt_dir, opt_one;
static int status;

static void *xalloc(void *p, size_t n)
{
    p = realloc(p, n);
    if (!p) {
        fputs("ls: out of memory\n", stderr);
        exit(2);
    }
    return p;
}

static char *copy(const char *s)
{
    char *p = xalloc(NULL, strlen(s) + 1);
    strcpy(p, s);
    return p;
}

static char *join(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    char *p = xalloc(NULL, a + b + 2);
    memcpy(p, dir, a);
    p[a] = '/';
    memcpy(p + a + (a && dir[a - 1] != '/'), name, b + 1);
    return p;
}

static void add(struct list *l, const char *name, char *path, const struct stat *st)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 32;
        l->v = xalloc(l->v, sizeof *l->v * (size_t)l->cap);
    }
    struct entry *e = &l->v[l->n++];
    e->name = copy(name);
    e->path = path;
    e->st = *st;
}

static void clear(struct list *l)
{
    for (int i = 0; i < l->n; i++) {
        free(l->v[i].name);
        free(l->v[i].path);
    }
    l->n = 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const struct entry *)a)->name, ((const struct entry *)b)->name);
}

static void mode_string(mode_t m, char *s)
{
    s[0] = S_ISDIR(m) ? 'd' : S_ISLNK(m) ? 'l' : S_ISCHR(m) ? 'c' : S_ISBLK(m) ? 'b'
         : S_ISFIFO(m) ? 'p' : S_ISSOCK(m) ? 's' : '-';
    const char *rwx = "rwxrwxrwx";
    for (int i = 0; i < 9; i++)
        s[i + 1] = (m & (0400 >> i)) ? rwx[i] : '-';
    if (m & S_ISUID)
        s[3] = (m & 0100) ? 's' : 'S';
    if (m & S_ISGID)
        s[6] = (m & 0010) ? 's' : 'S';
    if (m & S_ISVTX)
        s[9] = (m & 0001) ? 't' : 'T';
    s[10] = '\0';
}

/* The size column: bytes, or "major, minor" for a device where the system can tell them. */
static void size_string(const struct stat *st, char *s, size_t n)
{
#if defined(major) && defined(minor)
    if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode)) {
        snprintf(s, n, "%u, %u", (unsigned)major(st->st_rdev), (unsigned)minor(st->st_rdev));
        return;
    }
#endif
    snprintf(s, n, "%lld", (long long)st->st_size);
}

/* "Mon dd hh:mm" within half a year of now, else "Mon dd  yyyy". */
static void time_string(time_t t, char *s, size_t n)
{
    time_t now = time(NULL);
    struct tm *tm = localtime(&t);
    if (!tm) {
        snprintf(s, n, "%12s", "?");
        return;
    }
    int recent = t <= now + 3600 && now - t < 183L * 24 * 3600;
    strftime(s, n, recent ? "%b %e %H:%M" : "%b %e  %Y", tm);
}

static int digits(long long v)
{
    int d = 1;
    while (v >= 10) {
        v /= 10;
        d++;
    }
    return d;
}

static void print_long(const struct list *l)
{
    int wlinks = 1, wuid = 1, wgid = 1, wsize = 1;
    char size[32];
    for (int i = 0; i < l->n; i++) {
        const struct stat *st = &l->v[i].st;
        size_string(st, size, sizeof size);
        int w = (int)strlen(size);
        wsize = w > wsize ? w : wsize;
        w = digits((long long)st->st_nlink);
        wlinks = w > wlinks ? w : wlinks;
        w = digits((long long)st->st_uid);
        wuid = w > wuid ? w : wuid;
        w = digits((long long)st->st_gid);
        wgid = w > wgid ? w : wgid;
    }
    for (int i = 0; i < l->n; i++) {
        const struct entry *e = &l->v[i];
        char mode[11], when[32];
        mode_string(e->st.st_mode, mode);
        size_string(&e->st, size, sizeof size);
        time_string(e->st.st_mtime, when, sizeof when);
        printf("%s %*lu %*lu %*lu %*s %s %s", mode, wlinks, (unsigned long)e->st.st_nlink, wuid,
               (unsigned long)e->st.st_uid, wgid, (unsigned long)e->st.st_gid, wsize, size, when,
               e->name);
        if (S_ISLNK(e->st.st_mode)) {
            char target[1024];
            ssize_t n = readlink(e->path, target, sizeof target - 1);
            if (n >= 0) {
                target[n] = '\0';
                printf(" -> %s", target);
            }
        }
        putchar('\n');
    }
}

/* Columns filled top to bottom, as wide as $COLUMNS (80 if unset) allows. */
static void print_columns(const struct list *l)
{
    size_t widest = 1;
    for (int i = 0; i < l->n; i++) {
        size_t w = strlen(l->v[i].name);
        widest = w > widest ? w : widest;
    }
    const char *env = getenv("COLUMNS");
    int width = env && atoi(env) > 0 ? atoi(env) : 80;
    int colw = (int)widest + 2;
    int cols = width / colw > 0 ? width / colw : 1;
    int rows = (l->n + cols - 1) / cols;
    for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
            int i = c * rows + r;
            if (i >= l->n)
                break;
            if ((c + 1) * rows + r >= l->n) {   /* the last in its row: no padding */
                fputs(l->v[i].name, stdout);
                break;
            }
            printf("%-*s", colw, l->v[i].name);
        }
        putchar('\n');
    }
}

static void print(struct list *l)
{
    if (l->n > 1)
        qsort(l->v, (size_t)l->n, sizeof *l->v, by_name);
    if (opt_long)
        print_long(l);
    else if (opt_one)
        for (int i = 0; i < l->n; i++)
            puts(l->v[i].name);
    else
        print_columns(l);
}

static void list_dir(const char *path)
{
    DIR *d = opendir(path);
    if (!d) {
        fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
        status = 1;
        return;
    }
    struct list l = { 0 };
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' && !opt_all)
            continue;
        char *full = join(path, e->d_name);
        struct stat st;
        if (lstat(full, &st) < 0) {
            fprintf(stderr, "ls: %s: %s\n", full, strerror(errno));
            status = 1;
            free(full);
            continue;
        }
        add(&l, e->d_name, full, &st);
    }
    closedir(d);
    print(&l);
    clear(&l);
    free(l.v);
}

int main(int argc, char **argv)
{
    int c;
    opt_one = !isatty(1);
    while ((c = getopt(argc, argv, "1adl")) != -1) {
        switch (c) {
        case '1': opt_one = 1; break;
        case 'a': opt_all = 1; break;
        case 'd': opt_dir = 1; break;
        case 'l': opt_long = 1; break;
        default:
            fputs("usage: ls [-1adl] [file...]\n", stderr);
            return 2;
        }
    }
    char *dot[] = { ".", NULL };
    char **operands = optind < argc ? argv + optind : dot;
    int count = optind < argc ? argc - optind : 1;
    struct list files = { 0 }, dirs = { 0 };
    for (int i = 0; i < count; i++) {
        struct stat st;
        if (lstat(operands[i], &st) < 0) {
            fprintf(stderr, "ls: %s: %s\n", operands[i], strerror(errno));
            status = 1;
            continue;
        }
        /* a link to a directory, named as an operand, is listed as that directory (not -l) */
        if (S_ISLNK(st.st_mode) && !opt_long && !opt_dir) {
            struct stat target;
            if (stat(operands[i], &target) == 0 && S_ISDIR(target.st_mode))
                st = target;
        }
        char *path = copy(operands[i]);
        add(S_ISDIR(st.st_mode) && !opt_dir ? &dirs : &files, operands[i], path, &st);
    }
    print(&files);
    if (dirs.n > 1)
        qsort(dirs.v, (size_t)dirs.n, sizeof *dirs.v, by_name);
    for (int i = 0; i < dirs.n; i++) {
        if (files.n > 0 || i > 0)
            putchar('\n');
        if (files.n > 0 || dirs.n > 1 || status)
            printf("%s:\n", dirs.v[i].name);
        list_dir(dirs.v[i].path);
    }
    clear(&files);
    clear(&dirs);
    free(files.v);
    free(dirs.v);
    if (fflush(stdout))
        status = 1;
    return status;
}
