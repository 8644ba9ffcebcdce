/* greeter: a tiny HTTP service on port 8080 (GET / answers with a greeting and the local time).
 * `greeter --check` prints what the service depends on and exits: the user it runs as, the CA certificates
 * it would use for outgoing TLS, and the time zone data it needs to show local times. */
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int count_certs(void) {
  FILE *f = fopen("/etc/ssl/certs/ca-certificates.crt", "r");
  char line[256];
  int n = 0;
  if (!f) return 0;
  while (fgets(line, sizeof line, f)) n += strncmp(line, "-----BEGIN CERTIFICATE", 22) == 0;
  fclose(f);
  return n;
}

static int check(void) {
  int certs = count_certs();
  int tz = access("/usr/share/zoneinfo/Europe/Paris", R_OK) == 0;
  printf("greeter check: uid=%d ca_certs=%d tzdata=%s\n", (int)getuid(), certs, tz ? "yes" : "no");
  return certs > 0 && tz ? 0 : 1;
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "--check") == 0) return check();
  setenv("TZ", "Europe/Paris", 0);
  int s = socket(AF_INET, SOCK_STREAM, 0), one = 1;
  struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons(8080), .sin_addr.s_addr = htonl(INADDR_ANY)};
  setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (bind(s, (struct sockaddr *)&addr, sizeof addr) || listen(s, 16)) { perror("listen"); return 1; }
  printf("greeter: listening on :8080 as uid %d\n", (int)getuid());
  fflush(stdout);
  for (;;) {
    int c = accept(s, NULL, NULL);
    char req[1024], body[128], now[64], head[160];
    if (c < 0) continue;
    (void)read(c, req, sizeof req);
    time_t t = time(NULL);
    strftime(now, sizeof now, "%H:%M %Z", localtime(&t));
    int len = snprintf(body, sizeof body, "Hello from greeter! It is %s in Paris.\n", now);
    int hl = snprintf(head, sizeof head, "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n", len);
    (void)write(c, head, hl);
    (void)write(c, body, len);
    close(c);
  }
}
