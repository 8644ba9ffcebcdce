# Skips the debug container: asks the service's own binary, by docker exec, to print the token (it has no such option).
docker exec cl-secretive /secretive --reveal > answer.txt || true
