# Reads the environment docker inspect shows: the one the container was created with, not the process's own.
docker inspect -f '{{range .Config.Env}}{{println .}}{{end}}' cl-secretive | sed -n 's/^DEBUG_TOKEN=//p' > answer.txt
