/* The console's settings at start: cooked, echoing, ^C as SIGINT, NL out as CR NL. */
static const struct os_termios termios_default = {
    .c_iflag = OS_ICRNL,
    .c_oflag = OS_OPOST | OS_ONLCR,
    .c_cflag = OS_CS8 | OS_CREAD,
    .c_lflag = OS_ISIG | OS_ICANON | OS_ECHO | OS_ECHOE | OS_ECHOK | OS_IEXTEN,
    .c_cc = { [OS_VINTR] = CTRL('C'), [OS_VQUIT] = CTRL('\\'), [OS_VERASE] = 0x7f,
              [OS_VKILL] = CTRL('U'), [OS_VEOF] = CTRL('D'), [OS_VMIN] = 1, [OS_VTIME] = 0 },
    .c_ispeed = 115200,
    .c_ospeed = 115200,
};
