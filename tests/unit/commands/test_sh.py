"""The shell (commands/sh) on the build machine: syntax, expansion, redirection, pipelines,
control flow, builtins, scripts, background commands, errors, and the interactive prompt."""
import os
import re
import signal
import stat
import time

import pexpect
import pytest


def ok(p, out):
    """The command succeeded, printed exactly out and nothing on stderr."""
    assert (p.returncode, p.stdout, p.stderr) == (0, out, "")


# ---- pipelines and redirections ----

def test_pipeline_of_three_processes(r):
    r.write("f", "x1\ny\nx2\nz\nx3\n")
    ok(r.sh("cat f | grep x | wc -l"), "3\n")


def test_long_pipeline_status_is_the_last_commands(r):
    r.write("f", "b\na\nb\nc\nb\n")
    ok(r.sh("cat f | cat | grep b | cat | wc -l"), "3\n")
    assert r.sh("true | false").returncode == 1
    assert r.sh("false | true").returncode == 0
    assert r.sh("! true").returncode == 1
    ok(r.sh("! false && echo negated"), "negated\n")


def test_pipeline_spanning_lines_after_the_bar(r):
    ok(r.sh("echo abc |\n  grep b |\n  wc -c"), "4\n")


def test_output_redirection_and_append(r):
    ok(r.sh("echo one > out; echo two >> out; echo three >>out; cat out"), "one\ntwo\nthree\n")
    ok(r.sh("echo new > out; cat < out"), "new\n")
    ok(r.sh(">empty; wc -c <empty"), "0\n")


def test_stderr_redirections(r):
    p = r.sh("ls nofile 2> err; echo status $?")
    ok(p, "status 1\n")
    assert r.read("err") == "ls: nofile: No such file or directory\n"
    p = r.sh("ls nofile . 2>&1 | grep -c nofile")
    ok(p, "1\n")
    # order matters: 2>&1 >file sends errors to the old stdout (the pipe), output to the file
    p = r.sh("{ echo out; ls nofile; } 2>&1 >file | cat")
    ok(p, "ls: nofile: No such file or directory\n")
    assert r.read("file") == "out\n"
    p = r.sh("echo to-stderr >&2")
    assert (p.stdout, p.stderr) == ("", "to-stderr\n")


def test_redirection_is_undone_after_a_builtin(r):
    ok(r.sh("echo a > f; echo b; cat f"), "b\na\n")
    ok(r.sh("cd . > f; echo still-here"), "still-here\n")


def test_closing_a_descriptor(r):
    p = r.sh("echo hidden >&-; echo shown")
    assert "shown\n" in p.stdout and "hidden" not in p.stdout


def test_redirection_of_compound_commands(r):
    ok(r.sh("{ echo a; echo b; } > f; cat f"), "a\nb\n")
    r.write("lines", "one\ntwo\nthree\n")
    ok(r.sh('while read l; do echo "<$l>"; done < lines'), "<one>\n<two>\n<three>\n")
    ok(r.sh("for i in 1 2; do echo $i; done > f; cat f"), "1\n2\n")
    ok(r.sh("if true; then echo yes; fi | cat"), "yes\n")


def test_redirection_error_skips_the_command(r):
    p = r.sh("cat < missing; echo status $?")
    assert p.stdout == "status 1\n"
    assert p.stderr == "sh: missing: No such file or directory\n"
    p = r.sh("echo x > nodir/file; echo $?")
    assert p.stdout == "1\n"
    assert "sh: nodir/file: No such file or directory" in p.stderr


def test_exec_redirects_the_shell_itself(r):
    ok(r.sh("exec > log; echo one; echo two"), "")
    assert r.read("log") == "one\ntwo\n"


# ---- lists ----

def test_and_or_and_sequences(r):
    ok(r.sh("true && echo a; false && echo b; false || echo c; true || echo d"), "a\nc\n")
    ok(r.sh("false && echo x || echo y"), "y\n")
    ok(r.sh("true && false || echo z"), "z\n")
    ok(r.sh("echo 1; echo 2;echo 3"), "1\n2\n3\n")
    ok(r.sh("true &&\n echo next-line"), "next-line\n")


def test_comments(r):
    ok(r.sh("# all comment\necho a # trailing\necho b#not-a-comment"), "a\nb#not-a-comment\n")


# ---- variables and parameters ----

def test_variables(r):
    ok(r.sh('x=hello; y="$x world"; echo $x; echo "$y"; echo ${x}s; echo "[$unset]"'),
       "hello\nhello world\nhellos\n[]\n")
    ok(r.sh("a=1 b=2; echo $a$b"), "12\n")


def test_exit_status_variable(r):
    ok(r.sh("true; echo $?; false; echo $?; sh -c 'exit 7'; echo $?"), "0\n1\n7\n")
    ok(r.sh("x=$(exit 3); echo $?"), "3\n")


def test_pid_variables(r):
    p = r.sh("echo $$; (echo $$); sleep 0 & echo $!")
    lines = p.stdout.split()
    assert p.returncode == 0 and len(lines) == 3
    assert lines[0] == lines[1] and lines[0].isdigit()
    assert lines[2].isdigit() and lines[2] != lines[0]


def test_field_splitting(r):
    ok(r.sh('x="a  b   c"; for w in $x; do echo "<$w>"; done; for w in "$x"; do echo "<$w>"; done'),
       "<a>\n<b>\n<c>\n<a  b   c>\n")
    ok(r.sh('IFS=:; x=a:b:c; for w in $x; do echo $w; done'), "a\nb\nc\n")
    ok(r.sh('e=; set -- $e "" "$e"; echo $#'), "2\n")


def test_parameter_forms(r):
    ok(r.sh('echo ${u:-def} ${u-def2} "${e:-empty}" "${e-set}"', env={"e": ""}),
       "def def2 empty \n")
    ok(r.sh('echo ${n:=init}; echo $n; v=x; echo ${v:+alt} "${u:+alt}" ${#v} ${#n}'),
       "init\ninit\nalt  1 4\n")
    p = r.sh('echo ${nothing:?is required}; echo not-reached')
    assert p.returncode == 1 and p.stdout == ""
    assert p.stderr == "sh: nothing: is required\n"


def test_export_reaches_commands_and_plain_variables_do_not(r):
    ok(r.sh("a=1; export b=2; c=3; export c; sh -c 'echo [$a] [$b] [$c]'"), "[] [2] [3]\n")
    ok(r.sh("X=tmp sh -c 'echo $X'; echo [$X]"), "tmp\n[]\n")
    ok(r.sh("export V=1; unset V; sh -c 'echo [$V]'"), "[]\n")
    assert "export PATH=" in r.sh("export").stdout


def test_environment_is_inherited(r):
    ok(r.sh('echo $FROM_ENV; sh -c "echo \\$FROM_ENV"', env={"FROM_ENV": "yes"}), "yes\nyes\n")


def test_positional_parameters(r):
    script = 'echo $#; echo $1-$2-$3; for a in "$@"; do echo "[$a]"; done; echo "$*"; echo $0'
    ok(r.sh(script, "name", "one", "two words", ""),
       "3\none-two words-\n[one]\n[two words]\n[]\none two words \nname\n")
    ok(r.sh('set -- a b c d; shift; echo $# $1; shift 2; echo $@'), "3 b\nd\n")
    ok(r.sh('set -- x y; for a; do echo $a; done'), "x\ny\n")
    ok(r.sh('set -- 1 2 3 4 5 6 7 8 9 10; echo $9 ${10}'), "9 10\n")
    ok(r.sh('for a in "$@"; do echo x; done; echo "[$@]"'), "[]\n")


# ---- quoting ----

def test_quoting(r):
    ok(r.sh("""echo 'single $x "q"' "double 'q' \\$x" back\\ slash\\'s"""),
       """single $x "q" double 'q' $x back slash's\n""")
    ok(r.sh('x=v; echo "$x"\'$x\'\\$x'), "v$x$x\n")
    ok(r.sh('echo "a\\"b" "c\\\\d" "e\\f"'), 'a"b c\\d e\\f\n')
    ok(r.sh("echo ''|wc -c; echo \"\" x"), "1\n x\n")
    ok(r.sh('echo "multi\nline"'), "multi\nline\n")
    ok(r.sh('echo a\\\nb'), "ab\n")


def test_quotes_spanning_lines_from_stdin(r):
    ok(r.run(["sh"], stdin="echo 'one\ntwo'\necho done\n"), "one\ntwo\ndone\n")


# ---- expansions ----

def test_command_substitution(r):
    ok(r.sh('x=$(echo hi; echo there); echo "$x"; echo `echo old`; echo $(echo $(echo nested))'),
       "hi\nthere\nold\nnested\n")
    r.write("f", "a\nb\n")
    ok(r.sh('n=$(wc -l < f); echo "lines: $n"'), "lines: 2\n")
    ok(r.sh('for w in $(echo 1 2 3); do echo $w; done'), "1\n2\n3\n")


def test_arithmetic(r):
    ok(r.sh('i=0; while [ $i -lt 5 ]; do i=$((i + 1)); done; echo $i $((2 + 3 * 4)) '
            '$(( (2 + 3) * 4 )) $((17 / 5)) $((17 % 5)) $((-3 + 1)) $((1 < 2 && 3 > 4)) '
            '$((x = 6)) $((x += 1)) $x $((0 ? 1 : 2)) $((0x10))'),
       "5 14 20 3 2 -2 0 6 7 7 2 16\n")
    p = r.sh("echo $((1 / 0)); echo after")
    assert p.returncode != 0 and "division by zero" in p.stderr and "after" not in p.stdout


def test_pathname_expansion(r):
    for name in ["b.txt", "a.txt", "c.log", ".hidden.txt", "sub/x.txt", "sub/y.txt"]:
        r.write(name, "")
    ok(r.sh("echo *.txt"), "a.txt b.txt\n")
    ok(r.sh("echo ?.log [ab].txt [!a].txt"), "c.log a.txt b.txt b.txt\n")
    ok(r.sh("echo sub/*.txt */y.txt"), "sub/x.txt sub/y.txt sub/y.txt\n")
    ok(r.sh("echo .*.txt"), ".hidden.txt\n")
    ok(r.sh("echo *.none '*.txt' \"*\" \\*"), "*.none *.txt * *\n")
    ok(r.sh("x='*.log'; echo $x \"$x\""), "c.log *.log\n")


def test_tilde(r):
    ok(r.sh("echo ~ ~/x '~'"), f"{r.cwd} {r.cwd}/x ~\n")


# ---- control flow ----

def test_if_elif_else(r):
    script = 'for n in 1 2 3; do if [ $n = 1 ]; then echo one; elif [ $n = 2 ]; then echo two; ' \
             'else echo other; fi; done'
    ok(r.sh(script), "one\ntwo\nother\n")
    ok(r.sh("if false; then echo x; fi; echo $?"), "0\n")
    ok(r.sh("if\nfalse\nthen\necho a\nelse\necho b\nfi"), "b\n")


def test_while_until_and_status(r):
    ok(r.sh('i=3; while [ $i -gt 0 ]; do echo $i; i=$((i-1)); done'), "3\n2\n1\n")
    ok(r.sh('i=0; until [ $i -ge 2 ]; do echo u$i; i=$((i+1)); done'), "u0\nu1\n")
    ok(r.sh('while false; do :; done; echo $?'), "0\n")


def test_for_loops(r):
    ok(r.sh('for x in a "b c" d; do echo "[$x]"; done'), "[a]\n[b c]\n[d]\n")
    ok(r.sh('for x in; do echo never; done; echo end'), "end\n")
    ok(r.sh('for x in 1 2\ndo\necho $x\ndone'), "1\n2\n")


def test_break_and_continue(r):
    ok(r.sh('for i in 1 2 3 4; do [ $i = 2 ] && continue; [ $i = 4 ] && break; echo $i; done'),
       "1\n3\n")
    ok(r.sh('for i in a b; do for j in 1 2 3; do [ $j = 2 ] && continue 2; echo $i$j; done; '
            'done'), "a1\nb1\n")
    ok(r.sh('for i in a b; do while true; do break 2; done; echo no; done; echo out'), "out\n")


def test_subshell_and_group(r):
    os.mkdir(r.path("sub"))
    ok(r.sh('x=1; (x=2; cd sub; echo $x); echo $x; pwd'), f"2\n1\n{r.cwd}\n")
    ok(r.sh('x=1; { x=2; }; echo $x'), "2\n")
    ok(r.sh('(exit 4); echo $?'), "4\n")


def test_set_e(r):
    p = r.sh("set -e; echo a; false; echo b")
    assert (p.returncode, p.stdout) == (1, "a\n")
    ok(r.sh("set -e; if false; then :; fi; false || true; ! true; echo survived"), "survived\n")
    ok(r.sh("set -e; set +e; false; echo off"), "off\n")


def test_set_x_traces_to_stderr(r):
    p = r.sh("set -x; echo traced")
    assert p.stdout == "traced\n" and "+ echo traced" in p.stderr


def test_case(r):
    script = """for x in apple b.c "x y" '*' other; do
        case $x in
            a*) echo "$x: a-word" ;;
            *.c|*.h) echo "$x: source" ;;
            "x y") echo "quoted words" ;;
            "*") echo "a literal star" ;;
            (*) echo "$x: other"
        esac
    done"""
    ok(r.sh(script), "apple: a-word\nb.c: source\nquoted words\na literal star\nother: other\n")
    ok(r.sh('p="*.c"; case foo.c in $p) echo from-variable;; esac; '
            'case x in [!a-w]) echo class;; esac; case y in x) echo no;; esac; echo $?'),
       "from-variable\nclass\n0\n")


def test_functions(r):
    ok(r.sh('greet() { echo "hello $1 ($#)"; return 3; echo no; }; greet world a; echo $?; '
            'echo "outer $1"', "name", "p1"),
       "hello world (2)\n3\nouter p1\n")
    ok(r.sh('f() { for i in 1 2 3; do [ $i = 2 ] && return 7; echo $i; done; }; f; echo $?'),
       "1\n7\n")
    ok(r.sh('count() { n=0; while read l; do n=$((n+1)); done; echo $n; }; '
            'echo "a\nb\nc" | count; f() { x=set-inside; }; f; echo $x'), "3\nset-inside\n")
    p = r.sh("g() (echo sub); g; unset -f g; g")
    assert p.stdout == "sub\n" and p.stderr == "sh: g: not found\n"
    ok(r.sh("f() {\n  echo multi-line\n}\nf >out; cat out"), "multi-line\n")
    p = r.sh("return 1")
    assert p.returncode == 1 and "return: not in a function" in p.stderr


def test_default_words_keep_their_quoting(r):
    ok(r.sh('x=; echo ${x:-"a  b"} "${x:-"c  d"}"; for w in ${x:-1 2}; do echo w$w; done; '
            'for w in "${x:-1 2}"; do echo q$w; done'), "a  b c  d\nw1\nw2\nq1 2\n")


# ---- builtins ----

def test_cd(r):
    os.makedirs(r.path("a", "b"))
    ok(r.sh("cd a/b && pwd && echo $PWD"), f"{r.cwd}/a/b\n{r.cwd}/a/b\n")
    ok(r.sh("cd a; cd b; cd -; cd; pwd"), f"{r.cwd}/a\n{r.cwd}\n")
    p = r.sh("cd nowhere; echo $?")
    assert p.stdout == "1\n" and p.stderr == "sh: cd: nowhere: No such file or directory\n"


def test_exit(r):
    assert r.sh("exit 3; echo no").returncode == 3
    assert r.sh("false; exit").returncode == 1
    assert r.sh("for i in 1; do while true; do exit 5; done; done").returncode == 5
    p = r.sh("exit abc")
    assert p.returncode == 2 and "numeric argument required" in p.stderr


def test_unset_and_set_listing(r):
    ok(r.sh("v=1; unset v; echo [$v]"), "[]\n")
    assert "zz='a b'\n" in r.sh("zz='a b'; set").stdout


def test_read(r):
    ok(r.sh('read a b; echo "[$a] [$b]"', stdin="  one two  three  \n"), "[one] [two  three]\n")
    ok(r.sh('read line; echo "[$line]"', stdin="  x  \n"), "[x]\n")
    ok(r.sh('IFS=: read a b; echo $a $b', stdin="k:v\n"), "k v\n")
    ok(r.sh('read -r a; echo "$a"', stdin="a\\b\n"), "a\\b\n")
    p = r.sh("read a; echo $?", stdin="")
    ok(p, "1\n")


def test_eval_and_dot(r):
    ok(r.sh("cmd='echo evaluated; x=5'; eval $cmd; echo $x"), "evaluated\n5\n")
    r.write("lib.sh", "LIBVAR=from-lib\nlibfn_ran=yes\n")
    ok(r.sh(". ./lib.sh; echo $LIBVAR $libfn_ran"), "from-lib yes\n")


def test_builtin_echo_and_test(r):
    ok(r.sh("echo -n a; echo b; echo -e 'x\\ty'; echo -- -n"), "ab\nx\ty\n-- -n\n")
    ok(r.sh('[ 1 -lt 2 ] && [ abc = abc ] && test -n x && ! [ -z x ] && echo yes'), "yes\n")
    p = r.sh("[ 1 -lt 2")
    assert p.returncode == 2 and "missing ]" in p.stderr


def test_true_false_colon(r):
    ok(r.sh(": ignored args; echo $?; true; echo $?; false; echo $?"), "0\n0\n1\n")


# ---- background ----

def test_background_and_wait(r):
    start = time.monotonic()
    ok(r.sh("sleep 0.5 & echo started; wait; echo done"), "started\ndone\n")
    assert time.monotonic() - start >= 0.5
    ok(r.sh("(exit 3) & wait $!; echo $?"), "3\n")
    ok(r.sh("sleep 0.2 & p=$!; sleep 0.2 & wait $p; echo first $?; wait; echo all"),
       "first 0\nall\n")
    ok(r.sh("wait 99999; echo $?"), "127\n")


def test_background_does_not_read_the_terminal_input(r):
    ok(r.sh("cat & wait; echo done", stdin="should not be read\n"), "done\n")


def test_background_output_and_order(r):
    ok(r.sh("{ sleep 0.3; echo late; } & echo early; wait"), "early\nlate\n")


# ---- scripts ----

def test_script_with_arguments(r):
    r.write("script.sh", 'echo "$0 got $# args"\nfor a; do echo "<$a>"; done\nexit 4\n')
    p = r.run(["sh", "script.sh", "a", "b c"])
    assert (p.returncode, p.stdout) == (4, "script.sh got 2 args\n<a>\n<b c>\n")


def test_script_without_hashbang_runs_by_name(r):
    r.write("noexec", "echo via-sh $1\n", mode=0o755)
    ok(r.sh("./noexec arg"), "via-sh arg\n")
    os.mkdir(r.path("bin"))
    r.write("bin/mine", "echo from-path\n", mode=0o755)
    ok(r.sh('PATH="$PWD/bin:$PATH"; mine'), "from-path\n")


def test_sh_c_with_name_and_arguments(r):
    ok(r.sh('echo "$0|$1|$2|$#"', "myname", "x", "y"), "myname|x|y|2\n")


def test_commands_from_stdin(r):
    ok(r.run(["sh"], stdin="echo a\nx=2\necho $x\n"), "a\n2\n")
    # one byte at a time: what the commands read themselves is left for them
    ok(r.run(["sh"], stdin="read v\nthe-line\necho got $v\ncat\nrest\n"), "got the-line\nrest\n")
    ok(r.run(["sh", "-s", "p1"], stdin="echo $1\n"), "p1\n")


def test_multiline_script_from_stdin(r):
    text = "for i in 1 2\ndo\n  if [ $i = 2 ]\n  then\n    echo two\n  fi\ndone\necho end\n"
    ok(r.run(["sh"], stdin=text), "two\nend\n")


def test_missing_script(r):
    p = r.run(["sh", "nonexistent.sh"])
    assert p.returncode == 127 and "sh: nonexistent.sh: No such file or directory" in p.stderr


# ---- errors and statuses ----

def test_command_not_found(r):
    p = r.sh("nosuchcmd arg; echo status $?")
    assert p.stdout == "status 127\n" and p.stderr == "sh: nosuchcmd: not found\n"
    p = r.sh("./nosuchfile")
    assert p.returncode == 127 and p.stderr == "sh: ./nosuchfile: No such file or directory\n"


def test_permission_denied(r):
    r.write("plain", "echo hi\n", mode=0o644)
    p = r.sh("./plain")   # without any execute bit even root may not run it
    assert p.returncode == 126 and p.stderr == "sh: ./plain: Permission denied\n"


def test_killed_command_status_is_128_plus_signal(r):
    p = r.sh("sh -c 'kill -9 $$'; echo $?")
    assert p.stdout == "137\n" and p.stderr == "Killed\n"
    p = r.sh("sleep 5 & kill -TERM $!; wait $!; echo $?")
    ok(p, f"{128 + signal.SIGTERM}\n")


def test_syntax_errors(r):
    for script in ["if true; then", "echo )", "fi", "for 1 in a; do :; done", "a &&", "'open",
                   "{ echo"]:
        p = r.sh(script)
        assert p.returncode == 2, script
        assert p.stderr.startswith("sh: ") and "syntax error" in p.stderr, (script, p.stderr)
    p = r.run(["sh"], stdin="echo before\nif then\necho after\n")
    assert p.returncode == 2 and p.stdout == "before\n"
    assert "line 2" in p.stderr


def test_bad_option(r):
    p = r.run(["sh", "-q"])
    assert p.returncode == 2 and "invalid option" in p.stderr


# ---- the interactive shell, on a pseudo-terminal ----

@pytest.fixture
def tty(r):
    child = pexpect.spawn(os.path.join(r.bin, "sh"), cwd=r.cwd, env=dict(r.env, PS1="$ "),
                          encoding="utf-8", timeout=10)
    child.expect_exact("$ ")
    yield child
    child.close(force=True)


def test_interactive_prompt_and_commands(tty):
    tty.sendline("echo $((6 * 7))")
    tty.expect_exact("42")
    tty.expect_exact("$ ")
    tty.sendline("for i in 1 2; do")
    tty.expect_exact("> ")
    tty.sendline("echo loop$i; done")
    tty.expect_exact("loop1")
    tty.expect_exact("loop2")
    tty.expect_exact("$ ")


def test_interactive_background_reports_pid(tty):
    tty.sendline("sleep 0.2 &")
    tty.expect(r"\[(\d+)\]")
    pid = tty.match.group(1)
    tty.expect_exact("$ ")
    time.sleep(0.4)
    tty.sendline("")
    tty.expect_exact(f"[{pid}] Done")


def test_interrupt_goes_to_the_foreground_command(tty):
    tty.sendline("sleep 10")
    time.sleep(0.5)
    start = time.monotonic()
    tty.sendintr()
    tty.expect_exact("$ ")
    assert time.monotonic() - start < 5
    tty.sendline("echo status=$?")
    tty.expect_exact("status=130")
    tty.expect_exact("$ ")
    assert tty.isalive()


def test_interrupt_at_the_prompt_discards_the_line(tty):
    tty.send("echo partial")
    time.sleep(0.2)
    tty.sendintr()
    tty.expect_exact("$ ")
    tty.sendline("echo fresh")
    tty.expect_exact("fresh")
    tty.expect_exact("$ ")
    assert tty.isalive()


def test_interrupt_ends_a_loop(tty):
    tty.sendline("while true; do sleep 1; done; echo after-$((1 + 1))")
    time.sleep(0.5)
    tty.sendintr()
    tty.expect_exact("$ ")
    assert "after-2" not in tty.before
    tty.sendline("echo alive")
    tty.expect_exact("alive")


def test_interactive_exit(tty):
    tty.sendline("exit 9")
    tty.expect(pexpect.EOF)
    tty.close()
    assert tty.exitstatus == 9
