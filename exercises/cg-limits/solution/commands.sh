docker rm -f cl-cg-limited 2>/dev/null || true
docker run -dti --name cl-cg-limited --memory 64m --cpus 0.5 --pids-limit 50 containerlings/busybox
docker inspect -f 'memory={{.HostConfig.Memory}} nanocpus={{.HostConfig.NanoCpus}} pids={{.HostConfig.PidsLimit}}' cl-cg-limited
# cgroup v1 paths first, v2 paths second; only one set exists.
docker exec cl-cg-limited sh -c 'cat /sys/fs/cgroup/memory/memory.limit_in_bytes /sys/fs/cgroup/cpu/cpu.cfs_quota_us /sys/fs/cgroup/pids/pids.max 2>/dev/null || cat /sys/fs/cgroup/memory.max /sys/fs/cgroup/cpu.max /sys/fs/cgroup/pids.max'
