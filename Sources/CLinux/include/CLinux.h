// Linux headers that Swift's Glibc module does not bring in: statfs(2) for the file
// system type of the inbox. Declarations only; LinuxSupport wraps them.
#pragma once
#include <sys/vfs.h>
