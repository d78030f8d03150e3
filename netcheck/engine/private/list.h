/* The engine's intrusive lists: <sys/queue.h>'s TAILQ (BSD, in glibc and
 * the BSDs), O(1) insertion and removal anywhere. mingw-w64 does not ship
 * <sys/queue.h>: a Windows port defines the same macros here instead. */
#ifndef NC_LIST_H
#define NC_LIST_H

#include <sys/queue.h>

#endif
