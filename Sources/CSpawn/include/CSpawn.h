// The glibc extensions `Subprocess` needs, which Swift's Glibc module hides because they are
// declared only with _GNU_SOURCE: close-on-exec pipes, a working directory for the child, and
// closing every inherited descriptor above 2 (what Foundation's Process did through its C shim).
#ifndef DLINT_CSPAWN_H
#define DLINT_CSPAWN_H

#include <spawn.h>

int dlint_pipe_cloexec(int descriptors[2]);
int dlint_spawn_add_chdir(posix_spawn_file_actions_t *actions, const char *directory);
int dlint_spawn_add_closefrom(posix_spawn_file_actions_t *actions, int lowest);

#endif
