//! CPUID as egret's virtual x86-64 CPU answers it: exactly the features egret implements
//! (the x86-64 baseline: FPU bit for the ABI, CMOV, CX8, FXSR, MMX bit, SSE, SSE2, plus
//! LAHF/SAHF and SYSCALL), with an Intel vendor string and deterministic cache leaves so
//! glibc's tuning code sees a plausible machine on any host.
//!
//! Weak spot: the FPU and MMX bits are set because the x86-64 ABI (and glibc's ISA-level check)
//! requires them, but x87 and MMX instructions are not all implemented yet.

const BRAND: &[u8; 48] =
    b"egret virtual x86-64 CPU\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0";

fn words(b: &[u8]) -> [u32; 4] {
    let w = |i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
    [w(0), w(4), w(8), w(12)]
}

/// One deterministic cache level for leaf 4: (type, level, size KiB, ways).
const CACHES: [(u32, u32, u32, u32); 4] = [
    (1, 1, 32, 8),
    (2, 1, 32, 8),
    (3, 2, 256, 4),
    (3, 3, 8192, 16),
];

/// EAX, EBX, ECX, EDX for a leaf and subleaf.
pub fn cpuid(leaf: u32, sub: u32) -> (u32, u32, u32, u32) {
    match leaf {
        0 => (
            7,
            u32::from_le_bytes(*b"Genu"),
            u32::from_le_bytes(*b"ntel"),
            u32::from_le_bytes(*b"ineI"),
        ),
        1 => {
            let eax = 0x0003_06c3; // family 6, model 0x3c, stepping 3
            let ebx = (1 << 16) | (8 << 8); // one logical processor, 64-byte clflush line
            let ecx = 0;
            let edx =
                1 | (1 << 4) | (1 << 8) | (1 << 15) | (1 << 23) | (1 << 24) | (1 << 25) | (1 << 26);
            (eax, ebx, ecx, edx)
        }
        2 => (0x0000_ff01, 0, 0, 0), // descriptor 0xff: "see leaf 4"
        4 => match CACHES.get(sub as usize) {
            Some(&(ty, level, kib, ways)) => {
                let line = 64;
                let sets = kib * 1024 / line / ways;
                let eax = ty | (level << 5) | (1 << 8);
                let ebx = (ways - 1) << 22 | (line - 1);
                (eax, ebx, sets - 1, 0)
            }
            None => (0, 0, 0, 0),
        },
        0x8000_0000 => (0x8000_0008, 0, 0, 0),
        0x8000_0001 => (0, 0, 1, (1 << 11) | (1 << 20) | (1 << 29)),
        0x8000_0002..=0x8000_0004 => {
            let i = (leaf - 0x8000_0002) as usize * 16;
            let w = words(&BRAND[i..i + 16]);
            (w[0], w[1], w[2], w[3])
        }
        0x8000_0006 => (0, 0, (256 << 16) | (6 << 12) | 64, 0),
        0x8000_0008 => (0x3028, 0, 0, 0),
        _ => (0, 0, 0, 0),
    }
}
