"""The utilities (commands/*.c) on the build machine, each run directly in a temporary
directory: results on files, exact output, error messages and exit statuses."""
import datetime
import os
import re
import signal
import stat
import subprocess
import time

import pytest


def ok(p, out):
    assert (p.returncode, p.stdout, p.stderr) == (0, out, "")


def err(p, status, message):
    assert p.returncode == status, p
    assert message in p.stderr, p.stderr


# ---- ls ----

def make_tree(r):
    r.write("b", "bb\n")
    r.write("a", "a\n")
    r.write(".dot", "")
    r.write("dir/inner", "12345")
    os.symlink("a", r.path("link"))


def test_ls_sorted_one_per_line_when_not_a_terminal(r):
    make_tree(r)
    ok(r.run(["ls"]), "a\nb\ndir\nlink\n")
    ok(r.run(["ls", "-a"]), ".\n..\n.dot\na\nb\ndir\nlink\n")


def test_ls_several_operands_files_first_then_directories(r):
    make_tree(r)
    os.mkdir(r.path("empty"))
    ok(r.run(["ls", "dir", "b", "empty", "a"]), "a\nb\n\ndir:\ninner\n\nempty:\n")
    ok(r.run(["ls", "-d", "dir", "a"]), "a\ndir\n")


def test_ls_long_format(r):
    make_tree(r)
    os.chmod(r.path("b"), 0o640)
    p = r.run(["ls", "-l"])
    assert p.returncode == 0 and p.stderr == ""
    lines = p.stdout.splitlines()
    assert [l.split()[-1] for l in lines] == ["a", "b", "dir", "a"]   # link shows "-> a"
    shape = r"^([-dl][-rwxsStT]{9}) +(\d+) +(\d+) +(\d+) +(\d+) ([A-Z][a-z]{2} [ \d]\d (\d\d:\d\d| \d{4})) (.*)$"
    fields = [re.match(shape, l) for l in lines]
    assert all(fields), lines
    by_name = {m.group(8).split(" -> ")[0]: m for m in fields}
    assert by_name["a"].group(1).startswith("-rw")
    assert by_name["b"].group(1) == "-rw-r-----"
    assert by_name["b"].group(5) == "3"
    assert by_name["dir"].group(1).startswith("d")
    assert by_name["link"].group(1).startswith("l")
    assert by_name["link"].group(8) == "link -> a"
    st = os.stat(r.path("b"))
    assert (int(by_name["b"].group(3)), int(by_name["b"].group(4))) == (st.st_uid, st.st_gid)
    assert int(by_name["b"].group(2)) == st.st_nlink
    # the columns line up
    assert len({len(l) - len(m.group(8)) for l, m in zip(lines, fields)}) == 1


def test_ls_long_time_of_an_old_file_shows_the_year(r):
    r.write("old", "")
    os.utime(r.path("old"), (0, 86400 * 365 * 20))
    p = r.run(["ls", "-l", "old"])
    assert re.fullmatch(r"-\S+ +\d+ +\d+ +\d+ +0 [A-Z][a-z]{2} [ \d]\d  1989 old\n", p.stdout), p.stdout


def test_ls_missing_operand(r):
    r.write("here", "")
    p = r.run(["ls", "missing", "here"])
    assert p.returncode == 1
    assert p.stdout == "here\n"
    assert p.stderr == "ls: missing: No such file or directory\n"


def test_ls_bad_option(r):
    assert r.run(["ls", "-Z"]).returncode == 2


# ---- cat, echo, tee ----

def test_cat(r):
    r.write("x", "one\n")
    r.write("y", "two\n")
    ok(r.run(["cat", "x", "y"]), "one\ntwo\n")
    ok(r.run(["cat", "x", "-", "y"], stdin="middle\n"), "one\nmiddle\ntwo\n")
    ok(r.run(["cat"], stdin="piped"), "piped")
    p = r.run(["cat", "x", "nope", "y"])
    assert (p.returncode, p.stdout) == (1, "one\ntwo\n")
    assert p.stderr == "cat: nope: No such file or directory\n"


def test_cat_large_file(r):
    data = "".join(f"line {i}\n" for i in range(20000))
    r.write("big", data)
    p = r.run(["cat", "big"])
    assert p.stdout == data


def test_echo(r):
    ok(r.run(["echo", "a", "b  c"]), "a b  c\n")
    ok(r.run(["echo", "-n", "x"]), "x")
    ok(r.run(["echo"]), "\n")
    ok(r.run(["echo", "-e", "t\\tn\\nend\\c ignored"]), "t\tn\nend")
    ok(r.run(["echo", "-x"]), "-x\n")


def test_tee(r):
    ok(r.run(["tee", "t1", "t2"], stdin="data\n"), "data\n")
    assert r.read("t1") == r.read("t2") == "data\n"
    ok(r.run(["tee", "-a", "t1"], stdin="more\n"), "more\n")
    assert r.read("t1") == "data\nmore\n"
    p = r.run(["tee", "nodir/x", "t3"], stdin="z\n")
    assert p.returncode == 1 and p.stdout == "z\n" and r.read("t3") == "z\n"
    assert "tee: nodir/x: No such file or directory" in p.stderr


# ---- cp, mv, rm, mkdir, rmdir, ln, touch ----

def test_cp_file(r):
    r.write("src", "content\n", mode=0o751)
    ok(r.run(["cp", "src", "dst"]), "")
    assert r.read("dst") == "content\n"
    assert stat.S_IMODE(os.stat(r.path("dst")).st_mode) == 0o751
    r.write("dst", "old longer content\n")
    ok(r.run(["cp", "src", "dst"]), "")
    assert r.read("dst") == "content\n"


def test_cp_into_directory(r):
    r.write("f1", "1")
    r.write("f2", "2")
    os.mkdir(r.path("d"))
    ok(r.run(["cp", "f1", "f2", "d"]), "")
    assert (r.read("d/f1"), r.read("d/f2")) == ("1", "2")
    err(r.run(["cp", "f1", "f2", "f3"]), 1, "cp: f3: not a directory")


def test_cp_recursive(r):
    r.write("t/a", "A")
    r.write("t/sub/b", "B")
    os.symlink("a", r.path("t/ln"))
    err(r.run(["cp", "t", "u"]), 1, "is a directory")
    ok(r.run(["cp", "-r", "t", "u"]), "")
    assert (r.read("u/a"), r.read("u/sub/b")) == ("A", "B")
    assert os.readlink(r.path("u/ln")) == "a"
    os.mkdir(r.path("into"))
    ok(r.run(["cp", "-r", "t", "into"]), "")
    assert r.read("into/t/sub/b") == "B"


def test_cp_errors(r):
    err(r.run(["cp", "missing", "x"]), 1, "cp: missing: No such file or directory")
    r.write("same", "s")
    err(r.run(["cp", "same", "same"]), 1, "same file")
    assert r.read("same") == "s"
    assert r.run(["cp", "onlyone"]).returncode == 2


def test_mv(r):
    r.write("a", "A")
    ok(r.run(["mv", "a", "b"]), "")
    assert not os.path.exists(r.path("a")) and r.read("b") == "A"
    os.mkdir(r.path("d"))
    r.write("c", "C")
    ok(r.run(["mv", "b", "c", "d"]), "")
    assert sorted(os.listdir(r.path("d"))) == ["b", "c"]
    ok(r.run(["mv", "d", "e"]), "")
    assert r.read("e/c") == "C"
    err(r.run(["mv", "nothing", "x"]), 1, "mv: nothing to x: No such file or directory")


def test_rm(r):
    r.write("f", "")
    ok(r.run(["rm", "f"]), "")
    assert not os.path.exists(r.path("f"))
    err(r.run(["rm", "f"]), 1, "rm: f: No such file or directory")
    ok(r.run(["rm", "-f", "f"]), "")
    r.write("tree/a/b/c", "")
    r.write("tree/x", "")
    err(r.run(["rm", "tree"]), 1, "rm: tree: is a directory")
    ok(r.run(["rm", "-r", "tree"]), "")
    assert not os.path.exists(r.path("tree"))
    err(r.run(["rm", "-rf", "."]), 1, "refusing")
    assert os.path.isdir(r.cwd)


def test_rm_removes_links_not_their_targets(r):
    r.write("keep/file", "k")
    os.symlink("keep", r.path("lnk"))
    ok(r.run(["rm", "-r", "lnk"]), "")
    assert r.read("keep/file") == "k"


def test_mkdir(r):
    ok(r.run(["mkdir", "one", "two"]), "")
    assert os.path.isdir(r.path("one")) and os.path.isdir(r.path("two"))
    err(r.run(["mkdir", "one"]), 1, "mkdir: one: File exists")
    err(r.run(["mkdir", "x/y"]), 1, "mkdir: x/y: No such file or directory")
    ok(r.run(["mkdir", "-p", "x/y/z", "one"]), "")
    assert os.path.isdir(r.path("x/y/z"))
    ok(r.run(["mkdir", "-p", "x/y/z/"]), "")
    r.write("file", "")
    err(r.run(["mkdir", "-p", "file/sub"]), 1, "mkdir: file")


def test_rmdir(r):
    os.makedirs(r.path("full/sub"))
    os.mkdir(r.path("empty"))
    ok(r.run(["rmdir", "empty"]), "")
    assert not os.path.exists(r.path("empty"))
    err(r.run(["rmdir", "full"]), 1, "rmdir: full: Directory not empty")


def test_ln(r):
    r.write("target", "T")
    ok(r.run(["ln", "-s", "target", "soft"]), "")
    assert os.readlink(r.path("soft")) == "target" and r.read("soft") == "T"
    ok(r.run(["ln", "target", "hard"]), "")
    assert os.stat(r.path("hard")).st_ino == os.stat(r.path("target")).st_ino
    assert os.stat(r.path("target")).st_nlink == 2
    err(r.run(["ln", "-s", "other", "soft"]), 1, "ln: soft: File exists")
    ok(r.run(["ln", "-sf", "other", "soft"]), "")
    assert os.readlink(r.path("soft")) == "other"
    os.mkdir(r.path("d"))
    ok(r.run(["ln", "-s", "/some/where/name", "d"]), "")
    assert os.readlink(r.path("d/name")) == "/some/where/name"
    err(r.run(["ln", "missing", "x"]), 1, "ln: missing: No such file or directory")


def test_touch(r):
    ok(r.run(["touch", "new"]), "")
    assert os.path.isfile(r.path("new")) and os.path.getsize(r.path("new")) == 0
    os.utime(r.path("new"), (1000, 1000))
    ok(r.run(["touch", "new"]), "")
    assert os.stat(r.path("new")).st_mtime > time.time() - 60
    ok(r.run(["touch", "-c", "absent"]), "")
    assert not os.path.exists(r.path("absent"))
    err(r.run(["touch", "nodir/f"]), 1, "touch: nodir/f: No such file or directory")


def test_pwd(r):
    os.mkdir(r.path("sub"))
    ok(r.run(["pwd"]), r.cwd + "\n")
    ok(r.sh("cd sub && pwd"), r.cwd + "/sub\n")


# ---- wc, head, grep ----

TEXT = "the quick brown\nfox jumps\n\nover the lazy dog\n"


def test_wc(r):
    r.write("t", TEXT)
    ok(r.run(["wc", "t"]), f"{4:7d} {9:7d} {len(TEXT):7d} t\n")
    ok(r.run(["wc", "-l", "t"]), f"{4:7d} t\n")
    ok(r.run(["wc", "-w"], stdin=TEXT), "9\n")
    ok(r.run(["wc", "-c"], stdin="abc"), "3\n")
    ok(r.run(["wc", "-lc", "t", "t"]),
       f"{4:7d} {len(TEXT):7d} t\n{4:7d} {len(TEXT):7d} t\n{8:7d} {2 * len(TEXT):7d} total\n")
    err(r.run(["wc", "nope"]), 1, "wc: nope: No such file or directory")


def test_head(r):
    r.write("n", "".join(f"{i}\n" for i in range(1, 21)))
    ok(r.run(["head", "n"]), "".join(f"{i}\n" for i in range(1, 11)))
    ok(r.run(["head", "-n", "3", "n"]), "1\n2\n3\n")
    ok(r.run(["head", "-n2"], stdin="a\nb\nc\n"), "a\nb\n")
    ok(r.run(["head", "-1", "n"]), "1\n")
    ok(r.run(["head", "-c", "5", "n"]), "1\n2\n3")
    r.write("m", "x\n")
    ok(r.run(["head", "-n", "1", "n", "m"]), "==> n <==\n1\n\n==> m <==\nx\n")
    err(r.run(["head", "-n", "x", "n"]), 2, "invalid count")
    err(r.run(["head", "nope"]), 1, "head: nope: No such file or directory")


def test_grep(r):
    r.write("t", TEXT)
    ok(r.run(["grep", "the", "t"]), "the quick brown\nover the lazy dog\n")
    ok(r.run(["grep", "-n", "the", "t"]), "1:the quick brown\n4:over the lazy dog\n")
    ok(r.run(["grep", "-c", "the", "t"]), "2\n")
    ok(r.run(["grep", "-v", "the", "t"]), "fox jumps\n\n")
    ok(r.run(["grep", "-i", "FOX", "t"]), "fox jumps\n")
    ok(r.run(["grep", "-e", "fox", "-e", "dog", "t"]), "fox jumps\nover the lazy dog\n")
    ok(r.run(["grep", "-q", "fox", "t"]), "")
    ok(r.run(["grep", "quick"], stdin=TEXT), "the quick brown\n")
    ok(r.run(["grep", "a.c"], stdin="abc\na.c\n"), "a.c\n")   # fixed strings


def test_grep_several_files_and_statuses(r):
    r.write("t", TEXT)
    r.write("u", "no match here\nthe end\n")
    ok(r.run(["grep", "the", "t", "u"]),
       "t:the quick brown\nt:over the lazy dog\nu:the end\n")
    ok(r.run(["grep", "-l", "fox", "t", "u"]), "t\n")
    ok(r.run(["grep", "-c", "the", "t", "u"]), "t:2\nu:1\n")
    p = r.run(["grep", "zebra", "t"])
    assert (p.returncode, p.stdout) == (1, "")
    p = r.run(["grep", "the", "missing", "u"])
    assert (p.returncode, p.stdout) == (2, "u:the end\n")
    assert p.stderr == "grep: missing: No such file or directory\n"
    assert r.run(["grep"]).returncode == 2


# ---- od, hexdump ----

BYTES = b"Hi\n\x00\x01\tz\xff"


def test_od(r):
    with open(r.path("bin"), "wb") as f:
        f.write(BYTES)
    ok(r.run(["od", "-c", "bin"]),
       "0000000   H   i  \\n  \\0 001  \\t   z 377\n0000010\n")
    ok(r.run(["od", "-x", "bin"]), "0000000 6948 000a 0901 ff7a\n0000010\n")
    ok(r.run(["od", "-b", "bin"]), "0000000 110 151 012 000 001 011 172 377\n0000010\n")
    ok(r.run(["od", "bin"]), "0000000 064510 000012 004401 177572\n0000010\n")
    ok(r.run(["od", "-d", "bin"]), "0000000 26952    10  2305 65402\n0000010\n")
    # several formats line up
    ok(r.run(["od", "-cx", "bin"]),
       "0000000   H   i  \\n  \\0 001  \\t   z 377\n"
       "           6948    000a    0901    ff7a\n0000010\n")
    ok(r.run(["od", "-ox", "bin"]),
       "0000000 064510 000012 004401 177572\n          6948   000a   0901   ff7a\n0000010\n")


def test_od_lines_and_odd_length(r):
    data = bytes(range(48, 48 + 20)) + b"!"
    p = r.run(["od", "-c"], stdin=data.decode())
    assert p.stdout == ("0000000   0   1   2   3   4   5   6   7   8   9   :   ;   <   =   >   ?\n"
                        "0000020   @   A   B   C   !\n0000025\n")
    ok(r.run(["od", "-x"], stdin="abc"), "0000000 6261 0063\n0000003\n")
    err(r.run(["od", "nope"]), 1, "od: nope: No such file or directory")


def test_hexdump(r):
    with open(r.path("bin"), "wb") as f:
        f.write(b"hello, world\n\x00\x7f\x80ABCDEFG")
    ok(r.run(["hexdump", "-C", "bin"]),
       "00000000  68 65 6c 6c 6f 2c 20 77  6f 72 6c 64 0a 00 7f 80  |hello, world....|\n"
       "00000010  41 42 43 44 45 46 47                              |ABCDEFG|\n"
       "00000017\n")
    ok(r.run(["hexdump"], stdin="abc"), "0000000 6261 0063\n0000003\n")


# ---- test and [ ----

@pytest.mark.parametrize("prog", ["test", "["])
def test_test_cases(r, prog):
    r.write("file", "x")
    r.write("empty", "")
    os.mkdir(r.path("dir"))
    os.symlink("file", r.path("link"))
    cases = [
        (["-f", "file"], 0), (["-f", "dir"], 1), (["-d", "dir"], 0), (["-d", "file"], 1),
        (["-e", "nothing"], 1), (["-e", "link"], 0), (["-h", "link"], 0), (["-L", "file"], 1),
        (["-s", "file"], 0), (["-s", "empty"], 1), (["-r", "file"], 0),
        (["-z", ""], 0), (["-z", "a"], 1), (["-n", "a"], 0), (["-n", ""], 1),
        (["abc"], 0), ([""], 1), ([], 1),
        (["a", "=", "a"], 0), (["a", "=", "b"], 1), (["a", "!=", "b"], 0),
        (["3", "-eq", "3"], 0), (["3", "-ne", "3"], 1), (["2", "-lt", "10"], 0),
        (["10", "-le", "2"], 1), (["-5", "-gt", "-6"], 0), (["4", "-ge", "4"], 0),
        (["!", "-f", "file"], 1), (["!", ""], 0), (["!", "a", "=", "b"], 0),
        (["-f", "file", "-a", "-d", "dir"], 0), (["-f", "dir", "-a", "-d", "dir"], 1),
        (["-f", "dir", "-o", "-d", "dir"], 0),
        (["(", "a", "=", "b", ")", "-o", "x"], 0), (["(", "a", "=", "b", "-o", "", ")"], 1),
        (["=", "=", "="], 0), (["-n"], 0), (["!", "=", "x"], 1),
        (["file", "-ef", "link"], 0), (["file", "-ef", "empty"], 1),
    ]
    for args, status in cases:
        argv = [prog] + args + (["]"] if prog == "[" else [])
        p = r.run(argv)
        assert (p.returncode, p.stderr) == (status, ""), (args, p)


def test_test_errors(r):
    err(r.run(["test", "a", "-eq", "1"]), 2, "integer expression expected")
    err(r.run(["test", "a", "b"]), 2, "test: b: unexpected operator")
    err(r.run(["[", "1", "=", "1"]), 2, "[: missing ]")
    err(r.run(["test", "(", "a"]), 2, "")


# ---- processes, time, system ----

def test_kill(r):
    sleep = os.path.join(r.bin, "sleep")
    victim = subprocess.Popen([sleep, "30"], env=r.env)
    try:
        ok(r.run(["kill", str(victim.pid)]), "")
        assert victim.wait(timeout=5) == -signal.SIGTERM
    finally:
        victim.kill()
    for option in (["-9"], ["-KILL"], ["-s", "kill"], ["-SIGKILL"]):
        victim = subprocess.Popen([sleep, "30"], env=r.env)
        try:
            ok(r.run(["kill"] + option + [str(victim.pid)]), "")
            assert victim.wait(timeout=5) == -signal.SIGKILL
        finally:
            victim.kill()


def test_kill_errors_and_list(r):
    err(r.run(["kill", "-NOPE", "1"]), 1, "kill: NOPE: unknown signal")
    err(r.run(["kill", "abc"]), 1, "kill: abc: not a process id")
    err(r.run(["kill", "999999"]), 1, "kill: 999999: No such process")
    p = r.run(["kill", "-l"])
    assert p.returncode == 0
    assert f"{int(signal.SIGKILL):2d} KILL\n" in p.stdout
    assert f"{int(signal.SIGTERM):2d} TERM\n" in p.stdout
    ok(r.run(["kill", "-l", str(128 + signal.SIGINT)]), "INT\n")
    assert r.run(["kill"]).returncode == 2


def test_sleep(r):
    start = time.monotonic()
    ok(r.run(["sleep", "0.3"]), "")
    assert time.monotonic() - start >= 0.3
    ok(r.run(["sleep", "0"]), "")
    for bad in (["x"], [], ["1", "2"], ["-1"]):
        assert r.run(["sleep"] + bad).returncode == 2


def test_true_false_sync(r):
    ok(r.run(["true"]), "")
    assert r.run(["false"]).returncode == 1
    ok(r.run(["sync"]), "")


def test_uname(r):
    u = os.uname()
    ok(r.run(["uname"]), u.sysname + "\n")
    ok(r.run(["uname", "-sm"]), f"{u.sysname} {u.machine}\n")
    ok(r.run(["uname", "-a"]), f"{u.sysname} {u.nodename} {u.release} {u.version} {u.machine}\n")
    assert r.run(["uname", "-q"]).returncode == 2


def test_date(r):
    p = r.run(["date"])
    assert p.returncode == 0
    assert re.fullmatch(r"[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \w+ \d{4}\n", p.stdout)
    now = datetime.datetime.now(datetime.timezone.utc)
    ok(r.run(["date", "-u", "+%Y-%m"]), now.strftime("%Y-%m") + "\n")
    p = r.run(["date", "+%s"])
    assert abs(int(p.stdout) - time.time()) < 60
    assert r.run(["date", "bad"]).returncode == 2


# ---- the utilities together, through the shell ----

def test_a_small_session(r):
    script = """
        mkdir -p work/logs && cd work
        for i in 1 2 3; do echo "entry $i" >> logs/all.log; done
        cp logs/all.log copy.log && mv copy.log logs/moved.log
        ln -s logs/moved.log latest
        cat latest | grep -c entry
        wc -l < logs/all.log
        ls logs
        head -n 1 latest | od -c | head -n 1
        rm -r logs latest
        ls -a
    """
    ok(r.sh(script), "3\n3\nall.log\nmoved.log\n"
                     "0000000   e   n   t   r   y       1  \\n\n.\n..\n")
