// epoll(7), eventfd(2) and accept4(2) come from the CLinux shim (Swift's Glibc module map
// has no <sys/epoll.h> or <sys/eventfd.h>, and declares accept4 only under _GNU_SOURCE).
// `struct epoll_event` is read and written through raw pointers with the Linux UAPI layout:
// on x86_64 the struct is packed (4-byte events + 8-byte data = 12 bytes); elsewhere it is 16.
import CLinux
#if canImport(Glibc)
import Glibc
#endif

enum LinuxAPI {
    static let EPOLLIN: UInt32 = 0x001
    static let EPOLLOUT: UInt32 = 0x004
    static let EPOLLERR: UInt32 = 0x008
    static let EPOLLHUP: UInt32 = 0x010
    static let EPOLLRDHUP: UInt32 = 0x2000
    static let EPOLL_CTL_ADD: Int32 = 1
    static let EPOLL_CTL_DEL: Int32 = 2
    static let EPOLL_CTL_MOD: Int32 = 3
    static let EPOLL_CLOEXEC: Int32 = 0o2000000
    static let EFD_CLOEXEC: Int32 = 0o2000000
    static let EFD_NONBLOCK: Int32 = 0o4000

    #if arch(x86_64)
    static let eventSize = 12
    static let dataOffset = 4
    #else
    static let eventSize = 16
    static let dataOffset = 8
    #endif

    static func epoll_create1(_ flags: Int32) -> Int32 { CLinux.epoll_create1(flags) }

    static func epoll_ctl(_ epfd: Int32, _ op: Int32, _ fd: Int32, _ event: UnsafeMutableRawPointer?) -> Int32 {
        CLinux.epoll_ctl(epfd, op, fd, event?.assumingMemoryBound(to: epoll_event.self))
    }

    static func epoll_wait(_ epfd: Int32, _ events: UnsafeMutableRawPointer?, _ maxEvents: Int32, _ timeout: Int32) -> Int32 {
        CLinux.epoll_wait(epfd, events?.assumingMemoryBound(to: epoll_event.self), maxEvents, timeout)
    }

    static func eventfd(_ initial: UInt32, _ flags: Int32) -> Int32 { CLinux.eventfd(initial, flags) }

    static func accept4(_ fd: Int32, _ address: UnsafeMutableRawPointer?, _ length: UnsafeMutableRawPointer?, _ flags: Int32) -> Int32 {
        recipe_accept4(fd, address, length, flags)
    }

    /// Writes one `struct epoll_event` at `pointer`.
    static func storeEvent(_ events: UInt32, data: UInt64, at pointer: UnsafeMutableRawPointer) {
        pointer.storeBytes(of: events, as: UInt32.self)
        (pointer + dataOffset).storeBytes(of: data, as: UInt64.self)
    }

    /// Reads the `struct epoll_event` at `pointer`.
    static func loadEvent(at pointer: UnsafeRawPointer) -> (events: UInt32, data: UInt64) {
        (pointer.loadUnaligned(as: UInt32.self), (pointer + dataOffset).loadUnaligned(as: UInt64.self))
    }
}
