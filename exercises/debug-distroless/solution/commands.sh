# A debug container: busybox's tools, in cl-secretive's PID namespace, allowed to read another process's /proc.
docker run --rm --pid container:cl-secretive --cap-add SYS_PTRACE containerlings/busybox \
  sh -c 'tr "\0" "\n" < /proc/1/environ' | sed -n 's/^DEBUG_TOKEN=//p' > answer.txt
cat answer.txt
