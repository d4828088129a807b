// epoll(7), eventfd(2) and accept4(2) are not in Swift's Glibc module map (no <sys/epoll.h>,
// <sys/eventfd.h>), and this package has no C shim target, so the three epoll calls, eventfd
// and accept4 are looked up once with dlsym and called through C function pointers. The
// constants and the `struct epoll_event` layout are the Linux UAPI ones: on x86_64 the struct
// is packed (4-byte events + 8-byte data = 12 bytes); elsewhere it is 16 bytes.
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

    typealias CreateFunction = @convention(c) (Int32) -> Int32
    typealias ControlFunction = @convention(c) (Int32, Int32, Int32, UnsafeMutableRawPointer?) -> Int32
    typealias WaitFunction = @convention(c) (Int32, UnsafeMutableRawPointer?, Int32, Int32) -> Int32
    typealias EventFDFunction = @convention(c) (UInt32, Int32) -> Int32
    typealias Accept4Function = @convention(c) (Int32, UnsafeMutableRawPointer?, UnsafeMutableRawPointer?, Int32) -> Int32

    nonisolated(unsafe) static let epoll_create1 = unsafeBitCast(symbol("epoll_create1"), to: CreateFunction.self)
    nonisolated(unsafe) static let epoll_ctl = unsafeBitCast(symbol("epoll_ctl"), to: ControlFunction.self)
    nonisolated(unsafe) static let epoll_wait = unsafeBitCast(symbol("epoll_wait"), to: WaitFunction.self)
    nonisolated(unsafe) static let eventfd = unsafeBitCast(symbol("eventfd"), to: EventFDFunction.self)
    /// `accept4` is behind `_GNU_SOURCE`, which the module map does not define.
    nonisolated(unsafe) static let accept4 = unsafeBitCast(symbol("accept4"), to: Accept4Function.self)

    private static func symbol(_ name: String) -> UnsafeMutableRawPointer {
        guard let pointer = dlsym(nil, name) else { fatalError("libc has no \(name): \(String(cString: dlerror()))") }
        return pointer
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
