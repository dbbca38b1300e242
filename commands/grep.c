/* grep: prints the lines that contain a fixed string; status 0 if one did, 1 if none, 2 after an
 * error. Usage: grep [-cilnqsvF] [-e pattern]... [pattern] [file...] */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int opt_count, opt_icase, opt_list, opt_number, opt_quiet, opt_silent, opt_invert;
static char **patterns;
static int npatterns;
static char *line;
static size_t line_cap;

static void add_pattern(char *p)
{
    char **v = realloc(patterns, sizeof *patterns * (size_t)(npatterns + 1));
    if (!v) {
        fputs("grep: out of memory\n", stderr);
        exit(2);
    }
    patterns = v;
    patterns[npatterns++] = p;
}

/* One line without its newline; its length, or -1 at the end of the input. */
static long read_line(FILE *f)
{
    size_t n = 0;
    int c;
    while ((c = getc(f)) != EOF && c != '\n') {
        if (n + 1 >= line_cap) {
            size_t cap = line_cap ? line_cap * 2 : 256;
            char *p = realloc(line, cap);
            if (!p) {
                fputs("grep: out of memory\n", stderr);
                exit(2);
            }
            line = p;
            line_cap = cap;
        }
        line[n++] = (char)c;
    }
    if (c == EOF && n == 0)
        return -1;
    if (!line) {
        line = malloc(1);
        if (!line)
            exit(2);
        line_cap = 1;
    }
    line[n] = '\0';
    return (long)n;
}

static int contains(const char *s, size_t n, const char *p)
{
    size_t m = strlen(p);
    if (m == 0)
        return 1;
    for (size_t i = 0; i + m <= n; i++) {
        size_t k = 0;
        if (opt_icase)
            while (k < m && tolower((unsigned char)s[i + k]) == tolower((unsigned char)p[k]))
                k++;
        else
            while (k < m && s[i + k] == p[k])
                k++;
        if (k == m)
            return 1;
    }
    return 0;
}

static int selected(const char *s, size_t n)
{
    int found = 0;
    for (int i = 0; i < npatterns && !found; i++)
        found = contains(s, n, patterns[i]);
    return found != opt_invert;
}

/* The number of selected lines; the lines themselves go out unless counting or listing. */
static long search(FILE *f, const char *name, int show_name)
{
    long matches = 0, lineno = 0, n;
    while ((n = read_line(f)) >= 0) {
        lineno++;
        if (!selected(line, (size_t)n))
            continue;
        matches++;
        if (opt_quiet || opt_list)
            break;
        if (opt_count)
            continue;
        if (show_name)
            printf("%s:", name);
        if (opt_number)
            printf("%ld:", lineno);
        fwrite(line, 1, (size_t)n, stdout);
        putchar('\n');
    }
    if (opt_count && !opt_quiet && !opt_list) {
        if (show_name)
            printf("%s:", name);
        printf("%ld\n", matches);
    }
    if (opt_list && matches && !opt_quiet)
        puts(name);
    return matches;
}

/* -c count, -i any case, -l names of files with a match, -n line numbers, -q quiet, -s no
 * messages about files, -v the lines without it, -F fixed strings (always). */
static int usage(void)
{
    fputs("usage: grep [-cilnqsvF] [-e pattern]... [pattern] [file...]\n", stderr);
    return 2;
}

int main(int argc, char **argv)
{
    int c;
    /* The usage line alone says what is wrong; "+": options end at the first operand, as
     * POSIX has it (glibc's and newlib's getopt would look past it). */
    opterr = 0;
    while ((c = getopt(argc, argv, "+cilnqsvFe:")) != -1) {
        switch (c) {
        case 'c': opt_count = 1; break;
        case 'e': add_pattern(optarg); break;
        case 'i': opt_icase = 1; break;
        case 'l': opt_list = 1; break;
        case 'n': opt_number = 1; break;
        case 'q': opt_quiet = 1; break;
        case 's': opt_silent = 1; break;
        case 'v': opt_invert = 1; break;
        case 'F': break;
        default: return usage();
        }
    }
    int i = optind;
    if (npatterns == 0) {
        if (i == argc)
            return usage();
        add_pattern(argv[i++]);
    }
    long matches = 0;
    int errors = 0, show_name = argc - i > 1;
    if (i == argc)
        matches = search(stdin, "(standard input)", 0);
    for (; i < argc && !(opt_quiet && matches); i++) {
        int is_stdin = strcmp(argv[i], "-") == 0;
        FILE *f = is_stdin ? stdin : fopen(argv[i], "r");
        if (!f) {
            if (!opt_silent)
                fprintf(stderr, "grep: %s: %s\n", argv[i], strerror(errno));
            errors = 1;
            continue;
        }
        matches += search(f, is_stdin ? "(standard input)" : argv[i], show_name);
        if (!is_stdin)
            fclose(f);
    }
    if (fflush(stdout))
        errors = 1;
    if (opt_quiet && matches)
        return 0;
    return errors ? 2 : matches ? 0 : 1;
}
