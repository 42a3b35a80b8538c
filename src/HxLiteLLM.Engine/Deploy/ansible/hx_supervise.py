# HxLiteLLM: runs ansible-playbook in its own session for Invoke-HxAnsiblePlaybook (shipped with the module).
#
# argv: grace seconds, then the ansible-playbook argv. stdin, first: "vault <label> <n>\n" + n bytes per vault password,
# "extra <n>\n" + n bytes of extra-vars JSON, then "go\n". Passwords reach ansible-playbook only as inherited pipes
# (--vault-id label@/dev/fd/N); extra vars only as a 0600 file in a private 0700 folder removed at the end.
# After "go", stdin is a lifeline: a line or EOF (the caller stopped, or died) stops the whole process group: SIGINT,
# then SIGKILL after the grace time. stdout carries "E <event json>" and "L <ansible stdout line>"; stderr is ansible's.
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading


def read_line():
    line = b''
    while not line.endswith(b'\n'):
        c = os.read(0, 1)  # unbuffered: nothing past the protocol may be consumed
        if not c:
            raise EOFError('the caller closed the input before "go"')
        line += c
    return line[:-1].decode('ascii')


def read_exact(n):
    data = b''
    while len(data) < n:
        chunk = os.read(0, n - len(data))
        if not chunk:
            raise EOFError('the caller closed the input mid-value')
        data += chunk
    return data


def main():
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the terminal's Ctrl+C is the caller's to forward
    grace = float(sys.argv[1])
    cmd = sys.argv[2:]
    added = []  # placed right after the executable: the caller's argv ends with '-- <playbook>'
    keep = []
    run_dir = tempfile.mkdtemp(prefix='hxlitellm-run-')  # mode 0700
    try:
        while True:
            words = read_line().split(' ')
            if words[0] == 'go':
                break
            value = read_exact(int(words[-1]))
            if words[0] == 'vault':
                r, w = os.pipe()
                os.write(w, value)  # a password is far below the pipe's buffer
                os.close(w)
                keep.append(r)
                added += ['--vault-id', '%s@/dev/fd/%d' % (words[1], r)]
            elif words[0] == 'extra':
                path = os.path.join(run_dir, 'extra_vars.json')
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, 'O_NOFOLLOW', 0), 0o600)
                os.write(fd, value)
                os.close(fd)
                added += ['-e', '@' + path]
            del value
        cmd = cmd[:1] + added + cmd[1:]
        events_r, events_w = os.pipe()
        out_r, out_w = os.pipe()
        env = dict(os.environ, HXLITELLM_EVENTS_FD=str(events_w), PYTHONUNBUFFERED='1')
        p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out_w, pass_fds=keep + [events_w], env=env,
                             start_new_session=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        for fd in keep + [events_w, out_w]:
            os.close(fd)
        lock = threading.Lock()

        def relay(fd, tag):
            with os.fdopen(fd, 'rb') as source:
                for line in source:
                    try:
                        with lock:
                            sys.stdout.buffer.write(tag + line.rstrip(b'\n') + b'\n')
                            sys.stdout.buffer.flush()
                    except OSError:
                        pass  # the caller is gone; keep draining so ansible never blocks on a full pipe

        relays = [threading.Thread(target=relay, args=(events_r, b'E '), daemon=True),
                  threading.Thread(target=relay, args=(out_r, b'L '), daemon=True)]
        for t in relays:
            t.start()

        def lifeline():
            try:
                os.read(0, 1)
            except OSError:
                pass
            if p.poll() is None:
                try:
                    os.killpg(p.pid, signal.SIGINT)
                    p.wait(grace)
                except subprocess.TimeoutExpired:
                    os.killpg(p.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass

        threading.Thread(target=lifeline, daemon=True).start()
        rc = p.wait()
        try:
            os.killpg(p.pid, signal.SIGKILL)  # stragglers left in the group
        except (ProcessLookupError, PermissionError):
            pass
        for t in relays:
            t.join(5)
        return rc if rc >= 0 else 128 - rc
    except Exception as e:  # the caller shows this as the reason the run could not start
        sys.stderr.write('ERROR! hx_supervise: %s: %s\n' % (type(e).__name__, e))
        return 70
    finally:
        shutil.rmtree(run_dir, ignore_errors=True)


sys.stdout.flush()
os._exit(main())  # not sys.exit: a daemon thread blocked on stdin aborts interpreter shutdown
