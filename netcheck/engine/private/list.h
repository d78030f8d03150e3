/* The engine's intrusive lists: <sys/queue.h>'s TAILQ (BSD, in glibc and
 * the BSDs), O(1) insertion and removal anywhere. mingw-w64 does not ship
 * <sys/queue.h>: a Windows port defines the same macros here instead. */
#ifndef NC_LIST_H
#define NC_LIST_H

#ifndef _WIN32
#include <sys/queue.h>
#else
/* The subset the engine uses, with <sys/queue.h>'s meaning. */
#define TAILQ_HEAD(name, type)                                                 \
    struct name {                                                              \
        struct type *tqh_first;                                                \
        struct type **tqh_last;                                                \
    }
#define TAILQ_ENTRY(type)                                                      \
    struct {                                                                   \
        struct type *tqe_next;                                                 \
        struct type **tqe_prev;                                                \
    }
#define TAILQ_FIRST(head)      ((head)->tqh_first)
#define TAILQ_EMPTY(head)      ((head)->tqh_first == NULL)
#define TAILQ_NEXT(elm, field) ((elm)->field.tqe_next)
#define TAILQ_INIT(head)                                                       \
    do {                                                                       \
        (head)->tqh_first = NULL;                                              \
        (head)->tqh_last = &(head)->tqh_first;                                 \
    } while (0)
#define TAILQ_INSERT_TAIL(head, elm, field)                                    \
    do {                                                                       \
        (elm)->field.tqe_next = NULL;                                          \
        (elm)->field.tqe_prev = (head)->tqh_last;                              \
        *(head)->tqh_last = (elm);                                             \
        (head)->tqh_last = &(elm)->field.tqe_next;                             \
    } while (0)
#define TAILQ_REMOVE(head, elm, field)                                         \
    do {                                                                       \
        if ((elm)->field.tqe_next != NULL)                                     \
            (elm)->field.tqe_next->field.tqe_prev = (elm)->field.tqe_prev;     \
        else                                                                   \
            (head)->tqh_last = (elm)->field.tqe_prev;                          \
        *(elm)->field.tqe_prev = (elm)->field.tqe_next;                        \
    } while (0)
#endif

#endif
