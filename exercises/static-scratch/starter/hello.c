/* hello: prints who it is and how many files its root directory holds, to show how empty scratch is. */
#include <dirent.h>
#include <stdio.h>

int main(void) {
  int n = 0;
  DIR *root = opendir("/");
  for (struct dirent *e; root && (e = readdir(root));) n += e->d_name[0] != '.';
  printf("hello from scratch: %d entries in /\n", n);
  return 0;
}
