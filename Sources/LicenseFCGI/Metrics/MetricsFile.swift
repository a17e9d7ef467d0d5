import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A file of `UInt64` counters mapped shared into this process: one block of `MetricsLayout.slotCount` counters
/// per writer (a worker thread, or the supervisor).
///
/// Each block has exactly one writer, so an add is a plain load and store of an aligned word (never torn on the
/// 64-bit targets we build for): no lock and no atomic on the request path. Readers may see a value a few
/// requests old, which is fine for metrics.
final class MetricsFile: @unchecked Sendable {
    // @unchecked: the mapping is fixed from init to deinit, and each block is written by one thread only
    // (see above); concurrent readers only load.
    private let base: UnsafeMutablePointer<UInt64>
    let blocks: Int
    private let byteCount: Int

    /// Opens (creating, or growing, when `create`) the file and maps it; nil when that fails, e.g. a file of
    /// a worker that just exited and was removed.
    init?(path: String, blocks: Int, create: Bool) {
        let descriptor = open(path, create ? (O_RDWR | O_CREAT | O_CLOEXEC) : (O_RDONLY | O_CLOEXEC), 0o600)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var size = blocks * MetricsLayout.slotCount * 8
        if create {
            guard ftruncate(descriptor, off_t(size)) == 0 else { return nil }
        } else {
            var info = stat()
            guard fstat(descriptor, &info) == 0 else { return nil }
            size = Int(info.st_size) / (MetricsLayout.slotCount * 8) * (MetricsLayout.slotCount * 8)
            guard size > 0 else { return nil }
        }
        let protection = create ? (PROT_READ | PROT_WRITE) : PROT_READ
        guard let mapped = mmap(nil, size, protection, MAP_SHARED, descriptor, 0), mapped != MAP_FAILED else {
            return nil
        }
        base = mapped.bindMemory(to: UInt64.self, capacity: size / 8)
        byteCount = size
        self.blocks = size / (MetricsLayout.slotCount * 8)
    }

    deinit { munmap(base, byteCount) }

    /// Adds to a counter of one block; only that block's writer may call it.
    func add(_ value: UInt64, block: Int, slot: Int) {
        let pointer = base + (block * MetricsLayout.slotCount + slot)
        pointer.pointee &+= value
    }

    /// Adds every block's counters into `totals` (of `slotCount` entries).
    func accumulate(into totals: inout [UInt64]) {
        for block in 0..<blocks {
            let start = base + block * MetricsLayout.slotCount
            for slot in 0..<MetricsLayout.slotCount { totals[slot] &+= start[slot] }
        }
    }
}
