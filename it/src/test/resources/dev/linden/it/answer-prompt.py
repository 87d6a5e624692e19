# Runs a shell command line in a pseudo-terminal and types a password at its first prompt, as a
# person would: tools such as ldapwhoami -W read the password from the terminal, not standard input.
# usage: answer-prompt.py '<command line>' '<password>'   (exit status: the command's)
import os
import pty
import select
import sys
import time

command, password = sys.argv[1], sys.argv[2]
pid, fd = pty.fork()
if pid == 0:
    os.execvp("bash", ["bash", "-c", command])
output = b""
answered = False
deadline = time.time() + 90
while time.time() < deadline:
    ready, _, _ = select.select([fd], [], [], 0.5)
    if fd not in ready:
        continue
    try:
        data = os.read(fd, 4096)
    except OSError:  # the command ended and closed the terminal
        break
    if not data:
        break
    output += data
    if not answered and b"Password:" in output:
        os.write(fd, (password + "\n").encode())
        answered = True
done, status = os.waitpid(pid, os.WNOHANG)
if done == 0:  # still running after the deadline: never leave a test waiting
    time.sleep(1)
    done, status = os.waitpid(pid, os.WNOHANG)
    if done == 0:
        os.kill(pid, 9)
        _, status = os.waitpid(pid, 0)
sys.stdout.write(output.decode(errors="replace"))
sys.exit(os.waitstatus_to_exitcode(status))
