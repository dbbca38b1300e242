/* benchnop: the smallest program, for the fork + exec + wait figure. */
int main(void)
{
    return 0;
}
