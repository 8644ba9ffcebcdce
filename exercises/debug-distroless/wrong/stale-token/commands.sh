# Finds the token, then restarts the service: the process starts over with a new one.
docker run --rm --pid container:cl-secretive --cap-add SYS_PTRACE containerlings/busybox \
  sh -c 'tr "\0" "\n" < /proc/1/environ' | sed -n 's/^DEBUG_TOKEN=//p' > answer.txt
docker restart -t 1 cl-secretive
