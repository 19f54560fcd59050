// CRC-32C with the CPU's instruction (x86-64 SSE4.2 `crc32`), for NewsIndexCore's CRC32C.
// Both functions work on the raw register (the caller inverts before and after).
#ifndef NEWSINDEX_CRC32C_HARDWARE_H
#define NEWSINDEX_CRC32C_HARDWARE_H

#include <stddef.h>
#include <stdint.h>

/// Nonzero when this CPU has the instruction (checked once by the caller).
int newsindex_crc32c_hardware_available(void);

/// Continues `crc` over `count` bytes at `bytes`; only call when available.
uint32_t newsindex_crc32c_hardware(uint32_t crc, const void *bytes, size_t count);

#endif
