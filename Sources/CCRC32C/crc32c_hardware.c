// CRC-32C with the SSE4.2 `crc32` instruction: about 8 bytes per 3 cycles, against about 4
// instructions per byte for slicing-by-8 tables. Opening an index verifies every file's
// checksum, so this is most of the start-up time of a search on a large index.
#include "crc32c_hardware.h"

#include <string.h>

#if defined(__x86_64__)
#include <nmmintrin.h>

int newsindex_crc32c_hardware_available(void) {
  __builtin_cpu_init();
  return __builtin_cpu_supports("sse4.2");
}

__attribute__((target("sse4.2")))
uint32_t newsindex_crc32c_hardware(uint32_t crc, const void *bytes, size_t count) {
  const unsigned char *p = bytes;
  uint64_t c = crc;
  while (count >= 8) {
    uint64_t word;
    memcpy(&word, p, 8);
    c = _mm_crc32_u64(c, word);
    p += 8;
    count -= 8;
  }
  uint32_t c32 = (uint32_t)c;
  while (count > 0) {
    c32 = _mm_crc32_u8(c32, *p++);
    count--;
  }
  return c32;
}

#else

int newsindex_crc32c_hardware_available(void) { return 0; }

uint32_t newsindex_crc32c_hardware(uint32_t crc, const void *bytes, size_t count) {
  (void)bytes;
  (void)count;
  return crc;
}

#endif
