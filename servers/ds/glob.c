/* Glob patterns for subscriptions: '*' matches any run of characters, '?' any one. */
#include "store.h"

int glob_match(const char *pattern, const char *text)
{
    const char *star = 0, *resume = 0;
    while (*text) {
        if (*pattern == '*') {
            star = pattern++;
            resume = text;
        } else if (*pattern == '?' || *pattern == *text) {
            pattern++;
            text++;
        } else if (star) {
            pattern = star + 1;
            text = ++resume;
        } else {
            return 0;
        }
    }
    while (*pattern == '*')
        pattern++;
    return *pattern == '\0';
}
