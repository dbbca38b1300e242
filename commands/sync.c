/* sync: writes every file system's changed blocks to its disk. */
#include <unistd.h>

int main(void)
{
    sync();
    return 0;
}
