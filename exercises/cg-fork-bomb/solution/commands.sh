docker rm -f cl-cg-survivor 2>/dev/null || true
docker run -dti --name cl-cg-survivor --pids-limit 32 containerlings/busybox
docker exec cl-cg-survivor sh -c 'rm -f /tmp/fuse /tmp/fuse.armed; (sleep 3 & : > /tmp/fuse.armed; wait; : > /tmp/fuse) & i=0; while [ ! -e /tmp/fuse.armed ] && [ $i -lt 100000 ]; do i=$((i+1)); done; [ -e /tmp/fuse.armed ] || exit 1; f(){ while [ ! -e /tmp/fuse ]; do f & wait; done; }; f 2>/dev/null & wait; echo done'
docker exec cl-cg-survivor sh -c 'cat /sys/fs/cgroup/pids/pids.events 2>/dev/null || cat /sys/fs/cgroup/pids.events'
docker exec cl-cg-survivor echo still here
