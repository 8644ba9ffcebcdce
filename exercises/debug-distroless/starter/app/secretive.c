/* secretive: a tiny distroless service that keeps a session token where only a process inside its PID
 * namespace can read it: in its own environment, set after start (docker inspect shows a placeholder). */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void stop(int sig) { (void)sig; _exit(0); }

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "--serving") != 0) {
    fprintf(stderr, "usage: secretive (it takes no arguments)\n");
    return 2;
  }
  if (argc < 2) {
    /* First start: make a fresh token, then exec ourselves so it lands in /proc/1/environ. */
    unsigned char raw[8];
    char token[17];
    FILE *r = fopen("/dev/urandom", "r");
    if (!r || fread(raw, 1, sizeof raw, r) != sizeof raw) { perror("/dev/urandom"); return 1; }
    fclose(r);
    for (int i = 0; i < 8; i++) sprintf(token + 2 * i, "%02x", raw[i]);
    setenv("DEBUG_TOKEN", token, 1);
    char *args[] = {argv[0], "--serving", NULL};
    execv("/proc/self/exe", args);
    perror("execv");
    return 1;
  }
  signal(SIGTERM, stop);
  signal(SIGINT, stop);
  printf("secretive: serving (pid %d, uid %d); the token is not in my logs\n", getpid(), getuid());
  fflush(stdout);
  for (;;) pause();
}
