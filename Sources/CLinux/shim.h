// Linux system calls that Swift's Glibc module does not export: epoll(7), eventfd(2) and
// accept4(2) (the latter is declared only under _GNU_SOURCE, which the Glibc module is not
// built with, so it is declared here by hand). RecipeHTTP's Sockets/LinuxAPI.swift is the
// only user.
#ifndef RECIPE_CLINUX_SHIM_H
#define RECIPE_CLINUX_SHIM_H
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>

extern int accept4(int sockfd, struct sockaddr *addr, socklen_t *addrlen, int flags);

static inline int recipe_accept4(int sockfd, void *addr, void *addrlen, int flags) {
    return accept4(sockfd, (struct sockaddr *)addr, (socklen_t *)addrlen, flags);
}
#endif
