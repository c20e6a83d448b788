//! Loader tests on ELF images written by `test_elf.rs`: mappings, contents and permissions,
//! the exact initial stack (read back through the address space), and mangled files that must
//! fail cleanly.

use super::test_elf::*;
use super::*;
use crate::mem::{Access, Prot, GUEST_PAGE_SIZE};

const EM_386: u16 = 3;
const EM_PPC: u16 = 20;
const EM_PPC64: u16 = 21;
const EM_X86_64: u16 = 62;
const EM_AARCH64: u16 = 183;
const ET_REL: u16 = 1;
const ET_EXEC: u16 = 2;
const ET_DYN: u16 = 3;

fn strings(list: &[&str]) -> Vec<Vec<u8>> {
    list.iter().map(|s| s.as_bytes().to_vec()).collect()
}

/// A static x86-64 program: text (with the headers), rodata, data + bss, a non-exec stack.
fn x86_64_exec() -> ElfSpec {
    let code: Vec<u8> = (0..0x40u8).collect();
    let data: Vec<u8> = b"initialised data"
        .iter()
        .copied()
        .cycle()
        .take(0x90)
        .collect();
    ElfSpec {
        bits64: true,
        big_endian: false,
        machine: EM_X86_64,
        e_type: ET_EXEC,
        entry: 0x400000 + 64 + 4 * 56,
        segs: vec![
            Seg {
                with_headers: true,
                ..Seg::load(PF_R | PF_X, 0x400000, &code, 0)
            },
            Seg::load(PF_R, 0x401000, b"read-only", 0x10),
            Seg::load(PF_R | PF_W, 0x402f80, &data, 0x3000),
            Seg::other(PT_GNU_STACK, PF_R | PF_W, 0),
        ],
    }
}

/// A static ppc32 program with PT_PHDR and an executable stack.
fn ppc32_exec() -> ElfSpec {
    ElfSpec {
        bits64: false,
        big_endian: true,
        machine: EM_PPC,
        e_type: ET_EXEC,
        entry: 0x1000_0100,
        segs: vec![
            Seg::other(PT_PHDR, PF_R, 0x1000_0034),
            Seg {
                with_headers: true,
                ..Seg::load(PF_R | PF_X, 0x1000_0000, &[0x60, 0, 0, 0], 0)
            },
            Seg::load(PF_R | PF_W, 0x1001_0f00, b"ppc data", 0x2000),
            Seg::other(PT_GNU_STACK, PF_R | PF_W | PF_X, 0),
        ],
    }
}

fn x86_64_params() -> StackParams {
    StackParams {
        hwcap: 0x178bfbff,
        hwcap2: 2,
        platform: "x86_64".into(),
        minsigstksz: 2048,
        extra_auxv: vec![(AT_SYSINFO_EHDR, 0)],
    }
}

fn ppc32_params() -> StackParams {
    StackParams {
        hwcap: 0x9c00_0000,
        hwcap2: 0x1_0000_0002, // more than a 32-bit word: must arrive cut to 2
        platform: "ppc".into(),
        minsigstksz: 0,
        extra_auxv: vec![
            (AT_IGNOREPPC, AT_IGNOREPPC),
            (AT_IGNOREPPC, AT_IGNOREPPC),
            (AT_DCACHEBSIZE, 32),
            (AT_ICACHEBSIZE, 32),
            (AT_UCACHEBSIZE, 0),
            (AT_MINSIGSTKSZ, 4096),
        ],
    }
}

fn read_bytes(mem: &AddressSpace, addr: u64, len: usize) -> Vec<u8> {
    let mut buf = vec![0; len];
    mem.read(addr, &mut buf)
        .unwrap_or_else(|e| panic!("read {addr:#x}+{len:#x}: {e}"));
    buf
}

fn read_word(mem: &AddressSpace, addr: u64, word: u64, big_endian: bool) -> u64 {
    let b = read_bytes(mem, addr, word as usize);
    let mut v = 0u64;
    for i in 0..word as usize {
        let byte = if big_endian {
            b[i]
        } else {
            b[word as usize - 1 - i]
        };
        v = v << 8 | byte as u64;
    }
    v
}

fn aux(img: &LoadedImage, key: u64) -> u64 {
    let found: Vec<u64> = img
        .auxv
        .iter()
        .filter(|&&(k, _)| k == key)
        .map(|&(_, v)| v)
        .collect();
    assert_eq!(
        found.len(),
        1,
        "auxv key {key} appears {} times",
        found.len()
    );
    found[0]
}

fn host_ids() -> [u64; 4] {
    // SAFETY: no arguments, no memory touched, cannot fail.
    unsafe {
        [
            libc::getuid() as u64,
            libc::geteuid() as u64,
            libc::getgid() as u64,
            libc::getegid() as u64,
        ]
    }
}

/// Reads the initial stack back and checks it against Linux's layout, computed from the top
/// down independently of the loader.
fn check_stack(
    mem: &AddressSpace,
    img: &LoadedImage,
    big_endian: bool,
    exe: &str,
    argv: &[Vec<u8>],
    envp: &[Vec<u8>],
    platform: &str,
) {
    let word = img.machine.pointer_bytes();
    let rd = |a: u64| read_word(mem, a, word, big_endian);
    let sp = img.stack_pointer;
    assert_eq!(sp % 16, 0, "sp {sp:#x} is 16-aligned");
    assert_eq!(img.stack_top - img.stack_bottom, 8 << 20);
    assert!(img.stack_bottom > mem.mmap_top);
    assert!(sp > img.stack_bottom && sp < img.stack_top);
    mem.check(
        img.stack_bottom,
        img.stack_top - img.stack_bottom,
        Access::Write,
    )
    .unwrap();

    // argc, argv, envp, auxv as read from memory.
    assert_eq!(rd(sp), argv.len() as u64);
    let mut at = sp + word;
    let mut arg_ptrs = Vec::new();
    for a in argv {
        let p = rd(at);
        assert_eq!(&mem.read_cstr(p, 4096).unwrap(), a);
        arg_ptrs.push(p);
        at += word;
    }
    assert_eq!(rd(at), 0, "argv NULL");
    at += word;
    let mut env_ptrs = Vec::new();
    for e in envp {
        let p = rd(at);
        assert_eq!(&mem.read_cstr(p, 4096).unwrap(), e);
        env_ptrs.push(p);
        at += word;
    }
    assert_eq!(rd(at), 0, "envp NULL");
    at += word;
    let mut auxv = Vec::new();
    loop {
        let (k, v) = (rd(at), rd(at + word));
        auxv.push((k, v));
        at += 2 * word;
        if k == AT_NULL {
            break;
        }
    }
    assert_eq!(auxv, img.auxv, "auxv in memory equals the reported one");
    let table_end = at;

    // Strings from the top: 8 zero bytes, execfn, envp strings, argv strings.
    let top = img.stack_top;
    assert_eq!(read_bytes(mem, top - 8, 8), [0; 8]);
    let mut expect = top - 8;
    expect -= exe.len() as u64 + 1;
    assert_eq!(aux(img, AT_EXECFN), expect);
    assert_eq!(mem.read_cstr(expect, 4096).unwrap(), exe.as_bytes());
    for (e, &p) in envp.iter().zip(&env_ptrs).rev() {
        expect -= e.len() as u64 + 1;
        assert_eq!(p, expect, "envp string placement");
    }
    for (a, &p) in argv.iter().zip(&arg_ptrs).rev() {
        expect -= a.len() as u64 + 1;
        assert_eq!(p, expect, "argv string placement");
    }
    expect &= !15;
    if !platform.is_empty() {
        expect -= platform.len() as u64 + 1;
        assert_eq!(aux(img, AT_PLATFORM), expect);
        assert_eq!(mem.read_cstr(expect, 64).unwrap(), platform.as_bytes());
    }
    expect -= 16;
    assert_eq!(aux(img, AT_RANDOM), expect);
    assert_ne!(
        read_bytes(mem, expect, 16),
        [0; 16],
        "AT_RANDOM bytes are random"
    );
    let words = (argv.len() + 1 + envp.len() + 1 + 1 + 2 * img.auxv.len()) as u64;
    assert_eq!(sp, (expect - words * word) & !15, "sp as Linux computes it");
    assert!(table_end <= expect);
    assert_eq!(table_end, sp + words * word);

    // The generic entries.
    assert_eq!(aux(img, AT_PAGESZ), 4096);
    assert_eq!(aux(img, AT_CLKTCK), 100);
    assert_eq!(aux(img, AT_BASE), 0);
    assert_eq!(aux(img, AT_FLAGS), 0);
    assert_eq!(aux(img, AT_SECURE), 0);
    assert_eq!(aux(img, AT_ENTRY), img.entry);
    assert_eq!(aux(img, AT_PHDR), img.phdr);
    let ids = host_ids();
    for (key, id) in [AT_UID, AT_EUID, AT_GID, AT_EGID].into_iter().zip(ids) {
        assert_eq!(
            aux(img, key),
            id & if word == 4 { 0xffff_ffff } else { u64::MAX }
        );
    }
    assert_eq!(img.auxv.last(), Some(&(AT_NULL, 0)));
}

#[test]
fn identifies_machines_classes_and_types() {
    let mut spec = x86_64_exec();
    let id = identify(&spec.build()).unwrap();
    assert_eq!(
        id,
        ElfIdent {
            class: ElfClass::Elf64,
            big_endian: false,
            machine: GuestMachine::X86_64,
            elf_type: ElfType::Exec
        }
    );
    spec.e_type = ET_DYN;
    assert_eq!(identify(&spec.build()).unwrap().elf_type, ElfType::Dyn);
    spec.machine = EM_PPC64;
    assert_eq!(
        identify(&spec.build()).unwrap().machine,
        GuestMachine::Ppc64Le
    );
    spec.big_endian = true;
    assert_eq!(
        identify(&spec.build()).unwrap().machine,
        GuestMachine::Ppc64
    );
    let ppc = identify(&ppc32_exec().build()).unwrap();
    assert_eq!(
        (ppc.machine, ppc.class, ppc.big_endian),
        (GuestMachine::Ppc32, ElfClass::Elf32, true)
    );
    let i386 = ElfSpec {
        machine: EM_386,
        bits64: false,
        big_endian: false,
        ..ppc32_exec()
    };
    assert_eq!(identify(&i386.build()).unwrap().machine, GuestMachine::I386);

    let err = |spec: &ElfSpec| identify(&spec.build()).unwrap_err().to_string();
    let arm = ElfSpec {
        machine: EM_AARCH64,
        ..x86_64_exec()
    };
    assert_eq!(err(&arm), "ELF for unsupported machine EM_AARCH64 (183)");
    let odd = ElfSpec {
        machine: 0xfff0,
        ..x86_64_exec()
    };
    assert_eq!(err(&odd), "ELF for unsupported machine 65520");
    let x32 = ElfSpec {
        bits64: false,
        ..x86_64_exec()
    };
    assert_eq!(
        err(&x32),
        "unsupported 32-bit little-endian ELF for machine EM_X86_64 (62)"
    );
    let ppcle = ElfSpec {
        big_endian: false,
        ..ppc32_exec()
    };
    assert_eq!(
        err(&ppcle),
        "unsupported 32-bit little-endian ELF for machine EM_PPC (20)"
    );
    let object = ElfSpec {
        e_type: ET_REL,
        ..x86_64_exec()
    };
    assert_eq!(
        err(&object),
        "ELF type 1 is not an executable (need ET_EXEC or ET_DYN)"
    );

    assert_eq!(
        identify(b"#!/bin/sh\n").unwrap_err().to_string(),
        "not an ELF file"
    );
    assert_eq!(identify(b"").unwrap_err(), LoadError::NotElf);
    assert_eq!(
        identify(b"\x7fELF\x02\x01").unwrap_err().to_string(),
        "truncated ELF header"
    );
    let image = x86_64_exec().build();
    assert_eq!(
        identify(&image[..63]).unwrap_err(),
        LoadError::TruncatedHeader
    );
    assert!(identify(&image[..64]).is_ok());
    let mut bad_class = image.clone();
    bad_class[4] = 3;
    assert_eq!(identify(&bad_class).unwrap_err(), LoadError::BadClass(3));
}

#[test]
fn loads_static_x86_64_program() {
    let spec = x86_64_exec();
    let file = spec.build();
    let mut mem = AddressSpace::new(64).unwrap();
    let argv = strings(&["prog", "first arg", ""]);
    let envp = strings(&["HOME=/root", "LANG=C"]);
    let params = x86_64_params();
    let img = load(&file, "/bin/prog", &argv, &envp, &params, None, &mut mem).unwrap();

    assert_eq!(img.machine, GuestMachine::X86_64);
    assert_eq!(img.entry, spec.entry);
    assert_eq!(img.load_bias, 0);
    assert_eq!(
        img.phdr, 0x400040,
        "AT_PHDR from the load that holds the headers"
    );
    assert_eq!(
        img.brk, 0x406000,
        "brk after the bss end 0x405f80, page-aligned"
    );
    assert_eq!((mem.brk_start, mem.brk_cur), (0x406000, 0x406000));

    // Permissions: exactly what p_flags say, per page.
    let page = |a: u64| mem.pages().get(a / GUEST_PAGE_SIZE);
    assert_eq!(page(0x400000), Prot::RX.union(Prot::MAPPED));
    assert_eq!(page(0x401000), Prot::READ.union(Prot::MAPPED));
    for a in [0x402000, 0x403000, 0x404000, 0x405000] {
        assert_eq!(page(a), Prot::RW.union(Prot::MAPPED), "page {a:#x}");
    }
    assert_eq!(page(0x3ff000), Prot::NONE);
    assert_eq!(page(0x406000), Prot::NONE, "nothing mapped at brk yet");
    assert!(
        mem.check(0x400000, 1, Access::Write).is_err(),
        "text is not writable"
    );

    // Contents: headers and code, rodata, data; everything past p_filesz is zero although the
    // file has junk there.
    assert_eq!(read_bytes(&mem, 0x400000, 4), b"\x7fELF");
    assert_eq!(read_bytes(&mem, 0x400000, 288), file[..288]);
    assert_eq!(
        read_bytes(&mem, spec.entry, 0x40),
        (0..0x40u8).collect::<Vec<_>>()
    );
    assert_eq!(read_bytes(&mem, spec.entry + 0x40, 0x10), [0; 0x10]);
    assert_eq!(read_bytes(&mem, 0x401000, 9), b"read-only");
    assert_eq!(read_bytes(&mem, 0x401009, 0xff7), vec![0; 0xff7]);
    assert_eq!(read_bytes(&mem, 0x402f80, 0x90), spec.segs[2].data);
    assert_eq!(read_bytes(&mem, 0x403010, 0x2ff0), vec![0; 0x2ff0], "bss");
    assert_eq!(
        read_bytes(&mem, 0x402000, 0xf80),
        vec![0; 0xf80],
        "before the data"
    );

    // The mappings are named after the file where they hold file bytes.
    let files: Vec<(u64, u64)> = mem
        .vmas()
        .filter_map(|v| match &v.kind {
            crate::mem::VmaKind::File { path, offset } if path == "/bin/prog" => {
                Some((v.start, *offset))
            }
            _ => None,
        })
        .collect();
    let offsets = spec.offsets();
    assert_eq!(
        files,
        vec![
            (0x400000, 0),
            (0x401000, offsets[1]),
            (0x402000, offsets[2] & !0xfff)
        ]
    );

    // Stack: not executable (PT_GNU_STACK without PF_X), layout as Linux.
    assert_eq!(
        mem.pages().get(img.stack_bottom / GUEST_PAGE_SIZE),
        Prot::RW.union(Prot::MAPPED)
    );
    assert_eq!(img.stack_top, mem.size() - 4096);
    check_stack(&mem, &img, false, "/bin/prog", &argv, &envp, "x86_64");
    assert_eq!(aux(&img, AT_PHENT), 56);
    assert_eq!(aux(&img, AT_PHNUM), 4);
    assert_eq!(aux(&img, AT_HWCAP), 0x178bfbff);
    assert_eq!(aux(&img, AT_HWCAP2), 2);
    assert_eq!(aux(&img, AT_MINSIGSTKSZ), 2048);
    assert_eq!(
        &img.auxv[..3],
        &[
            (AT_SYSINFO_EHDR, 0),
            (AT_MINSIGSTKSZ, 2048),
            (AT_HWCAP, 0x178bfbff)
        ]
    );
}

#[test]
fn loads_ppc32_big_endian_program() {
    let spec = ppc32_exec();
    let file = spec.build();
    let mut mem = AddressSpace::new(32).unwrap();
    let argv = strings(&["/usr/bin/ppc-thing", "-v"]);
    let envp = strings(&["A=1"]);
    let img = load(
        &file,
        "ppc-thing",
        &argv,
        &envp,
        &ppc32_params(),
        None,
        &mut mem,
    )
    .unwrap();

    assert_eq!(img.machine, GuestMachine::Ppc32);
    assert_eq!(img.entry, 0x1000_0100);
    assert_eq!(img.phdr, 0x1000_0034, "AT_PHDR from PT_PHDR");
    assert_eq!(img.stack_top, 0xffff_e000);
    assert_eq!(img.brk, 0x1001_3000);
    assert_eq!(read_bytes(&mem, 0x1001_0f00, 8), b"ppc data");
    assert_eq!(read_bytes(&mem, 0x1001_0f08, 0x1ff8), vec![0; 0x1ff8]);
    assert_eq!(
        mem.pages().get(0x1000_0000 / GUEST_PAGE_SIZE),
        Prot::RX.union(Prot::MAPPED)
    );
    assert_eq!(
        mem.pages().get(img.stack_bottom / GUEST_PAGE_SIZE),
        Prot::RWX.union(Prot::MAPPED),
        "PT_GNU_STACK asks for an executable stack"
    );
    check_stack(&mem, &img, true, "ppc-thing", &argv, &envp, "ppc");
    assert_eq!(aux(&img, AT_PHENT), 32);
    assert_eq!(aux(&img, AT_PHNUM), 4);
    assert_eq!(aux(&img, AT_HWCAP2), 2, "cut to the 32-bit word");
    assert_eq!(
        aux(&img, AT_MINSIGSTKSZ),
        4096,
        "taken from the arch's pairs, not repeated"
    );
    assert_eq!(
        &img.auxv[..3],
        &[
            (AT_IGNOREPPC, AT_IGNOREPPC),
            (AT_IGNOREPPC, AT_IGNOREPPC),
            (AT_DCACHEBSIZE, 32)
        ]
    );
    // Big-endian words: argc's bytes are 00 00 00 02.
    assert_eq!(read_bytes(&mem, img.stack_pointer, 4), [0, 0, 0, 2]);
}

#[test]
fn loads_static_pie_at_a_base() {
    let spec = ElfSpec {
        e_type: ET_DYN,
        entry: 0x120,
        segs: vec![
            Seg::other(PT_PHDR, PF_R, 0x40),
            Seg {
                with_headers: true,
                ..Seg::load(PF_R | PF_X, 0, &[0xc3; 8], 0)
            },
            Seg::load(PF_R | PF_W, 0x1e00, b"pie data", 0x400),
        ],
        ..x86_64_exec()
    };
    let mut mem = AddressSpace::new(64).unwrap();
    let img = load(
        &spec.build(),
        "pie",
        &strings(&["pie"]),
        &[],
        &x86_64_params(),
        None,
        &mut mem,
    )
    .unwrap();
    let base = if mem.size() == 1 << 40 {
        0x55_5555_0000
    } else {
        (mem.size() / 3) & !0xffff
    };
    assert_eq!(img.load_bias, base);
    assert_eq!(img.entry, base + 0x120);
    assert_eq!(img.phdr, base + 0x40);
    assert_eq!(img.brk, base + 0x3000);
    assert_eq!(read_bytes(&mem, base + 0x1e00, 8), b"pie data");
    assert_eq!(read_bytes(&mem, base, 4), b"\x7fELF");
    assert_eq!(aux(&img, AT_ENTRY), base + 0x120);
    check_stack(&mem, &img, false, "pie", &strings(&["pie"]), &[], "x86_64");

    // An i386 PIE goes where x86-64 Linux puts it.
    let i386 = ElfSpec {
        bits64: false,
        machine: EM_386,
        ..spec
    };
    let mut mem32 = AddressSpace::new(32).unwrap();
    let params = StackParams {
        platform: "i686".into(),
        ..StackParams::default()
    };
    let img = load(&i386.build(), "pie32", &[], &[], &params, None, &mut mem32).unwrap();
    assert_eq!(img.load_bias, 0x5655_5000);
    assert_eq!(img.entry, 0x5655_5120);
    check_stack(&mem32, &img, false, "pie32", &[], &[], "i686");
}

#[test]
fn segments_sharing_a_page_keep_both_contents() {
    let spec = ElfSpec {
        segs: vec![
            Seg {
                with_headers: true,
                ..Seg::load(PF_R | PF_X, 0x400000, &[0x90; 0x100], 0)
            },
            Seg::load(PF_R | PF_W, 0x400800, &[0x55; 0x80], 0x100),
        ],
        ..x86_64_exec()
    };
    let mut mem = AddressSpace::new(64).unwrap();
    let img = load(
        &spec.build(),
        "p",
        &[],
        &[],
        &StackParams::default(),
        None,
        &mut mem,
    )
    .unwrap();
    let h = spec.headers_end();
    assert_eq!(read_bytes(&mem, 0x400000 + h, 0x100), [0x90; 0x100]);
    assert_eq!(read_bytes(&mem, 0x400800, 0x80), [0x55; 0x80]);
    assert_eq!(
        read_bytes(&mem, 0x400880, 0x80),
        [0; 0x80],
        "bss in the shared page"
    );
    assert_eq!(
        mem.pages().get(0x400),
        Prot::RWX.union(Prot::MAPPED),
        "union of both segments"
    );
    assert_eq!(img.brk, 0x401000);
    // No PT_GNU_STACK: executable stack, as Linux's default.
    assert!(mem
        .pages()
        .get(img.stack_bottom / GUEST_PAGE_SIZE)
        .contains(Prot::EXEC));
    assert!(
        !img.auxv.iter().any(|&(k, _)| k == AT_PLATFORM),
        "no platform string, no AT_PLATFORM"
    );
}

#[test]
fn bss_overlapping_an_earlier_segment_is_zero() {
    // The text's file bytes run to 0x400a20; the data segment starts inside them at 0x400800
    // and its bss (from 0x400840) must read as zero, as Linux's padzero leaves it.
    let spec = ElfSpec {
        segs: vec![
            Seg {
                with_headers: true,
                ..Seg::load(PF_R | PF_X, 0x400000, &[0x90; 0x900], 0)
            },
            Seg::load(PF_R | PF_W, 0x400800, &[0x55; 0x40], 0x200),
        ],
        ..x86_64_exec()
    };
    let file = spec.build();
    assert_eq!(spec.offsets()[1] % 0x1000, 0x800);
    let mut mem = AddressSpace::new(64).unwrap();
    load(
        &file,
        "p",
        &[],
        &[],
        &StackParams::default(),
        None,
        &mut mem,
    )
    .unwrap();
    assert_eq!(read_bytes(&mem, 0x400700, 0x100), [0x90; 0x100]);
    assert_eq!(read_bytes(&mem, 0x400800, 0x40), [0x55; 0x40]);
    assert_eq!(read_bytes(&mem, 0x400840, 0x1c0), [0; 0x1c0]);
}

fn with_interp(path: &str) -> ElfSpec {
    let mut spec = x86_64_exec();
    let mut data = path.as_bytes().to_vec();
    data.push(0);
    spec.segs.insert(
        1,
        Seg {
            data,
            ..Seg::other(PT_INTERP, PF_R, 0)
        },
    );
    spec
}

#[test]
fn missing_interpreter_is_one_clear_error() {
    let mut mem = AddressSpace::new(64).unwrap();
    let file = with_interp("/nonexistent/ld.so").build();
    let err = load(
        &file,
        "p",
        &[],
        &[],
        &StackParams::default(),
        None,
        &mut mem,
    )
    .unwrap_err();
    assert!(
        matches!(&err, LoadError::Interpreter(p, _) if p == "/nonexistent/ld.so"),
        "{err:?}"
    );
    assert!(err
        .to_string()
        .starts_with("interpreter /nonexistent/ld.so: "));
}

#[test]
fn loads_the_interpreter_from_the_sysroot() {
    let root = std::env::temp_dir().join(format!("egret-ld-{}", std::process::id()));
    std::fs::create_dir_all(root.join("lib")).unwrap();
    let ld = ElfSpec {
        e_type: ET_DYN,
        entry: 0x100,
        segs: vec![Seg::load(PF_R | PF_X, 0, &[0x90; 0x200], 0)],
        ..x86_64_exec()
    };
    std::fs::write(root.join("lib/ld.so"), ld.build()).unwrap();
    let spec = with_interp("/lib/ld.so");
    let mut mem = AddressSpace::new(64).unwrap();
    let file = spec.build();
    let img = load(
        &file,
        "p",
        &[],
        &[],
        &StackParams::default(),
        Some(&root),
        &mut mem,
    )
    .unwrap();
    let _ = std::fs::remove_dir_all(&root);
    let base = aux(&img, AT_BASE);
    assert_ne!(base, 0);
    assert_eq!(base % 4096, 0);
    assert_eq!(img.entry, base + 0x100, "starts in the interpreter");
    assert_eq!(aux(&img, AT_ENTRY), spec.entry, "AT_ENTRY is the program's");
    assert_eq!(read_bytes(&mem, base, 4), [0x90; 4]);
}

/// Loads into a fresh address space of the right width.
fn try_load(file: &[u8]) -> Result<LoadedImage, LoadError> {
    let bits = if file.get(4) == Some(&1) { 32 } else { 64 };
    let mut mem = AddressSpace::new(bits).unwrap();
    load(
        file,
        "fuzz",
        &strings(&["fuzz", "x"]),
        &strings(&["E=1"]),
        &x86_64_params(),
        None,
        &mut mem,
    )
}

/// A small deterministic generator (Knuth's MMIX LCG) so failures reproduce.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

#[test]
fn mangled_files_fail_cleanly() {
    let spec = x86_64_exec();
    let good = spec.build();
    assert!(try_load(&good).is_ok());
    let mangle = |field: (usize, usize), value: u64| {
        let mut f = good.clone();
        spec.poke(&mut f, field, value);
        try_load(&f).unwrap_err()
    };
    use HeaderField as H;
    use PhField as P;
    assert_eq!(
        mangle(spec.header_field(H::Phoff), good.len() as u64),
        LoadError::ProgramHeadersOutsideFile
    );
    assert_eq!(
        mangle(spec.header_field(H::Phoff), u64::MAX - 8),
        LoadError::ProgramHeadersOutsideFile
    );
    assert_eq!(
        mangle(spec.header_field(H::Phnum), 0xffff),
        LoadError::TooManyProgramHeaders(0xffff)
    );
    assert_eq!(
        mangle(spec.header_field(H::Phnum), 0),
        LoadError::NoProgramHeaders
    );
    assert_eq!(
        mangle(spec.header_field(H::Phnum), 200),
        LoadError::ProgramHeadersOutsideFile
    );
    assert_eq!(
        mangle(spec.header_field(H::Phentsize), 32),
        LoadError::BadPhentsize(32)
    );
    assert_eq!(
        mangle(spec.header_field(H::Machine), EM_AARCH64 as u64),
        LoadError::UnsupportedMachine(183)
    );
    assert_eq!(
        mangle(spec.phdr_field(2, P::Filesz), 0x3001),
        LoadError::SegmentFileSizeTooLarge(2)
    );
    assert_eq!(
        mangle(spec.phdr_field(2, P::Offset), good.len() as u64 - 0x10),
        LoadError::SegmentOutsideFile(2)
    );
    assert_eq!(
        mangle(spec.phdr_field(2, P::Offset), u64::MAX - 0x10),
        LoadError::SegmentOutsideFile(2)
    );
    assert_eq!(
        mangle(spec.phdr_field(2, P::Offset), 0x5),
        LoadError::SegmentMisaligned(2)
    );
    assert_eq!(
        mangle(spec.phdr_field(2, P::Vaddr), u64::MAX - 0xfff),
        LoadError::SegmentOutsideAddressSpace(2)
    );
    assert_eq!(
        mangle(spec.phdr_field(2, P::Vaddr), (1 << 63) + 0xf80),
        LoadError::SegmentOutsideAddressSpace(2)
    );
    assert_eq!(
        mangle(spec.phdr_field(2, P::Memsz), 1 << 62),
        LoadError::SegmentOutsideAddressSpace(2)
    );
    assert_eq!(
        mangle(spec.phdr_field(0, P::Vaddr), 0),
        LoadError::SegmentOutsideAddressSpace(0)
    );
    let in_stack_area = (1u64 << 36) * 16 - 0x10_0000; // 1 TiB - 1 MiB, or beyond a smaller space
    assert_eq!(
        mangle(spec.phdr_field(1, P::Vaddr), in_stack_area),
        LoadError::SegmentOutsideAddressSpace(1)
    );
    let mut no_loads = good.clone();
    for i in 0..3 {
        spec.poke(&mut no_loads, spec.phdr_field(i, P::Type), 0);
    }
    assert_eq!(
        try_load(&no_loads).unwrap_err().to_string(),
        "ELF file has no loadable segments"
    );

    // Overlapping segments load (the later one wins), however odd.
    let mut overlap = good.clone();
    spec.poke(&mut overlap, spec.phdr_field(1, P::Vaddr), 0x400000);
    assert!(try_load(&overlap).is_ok());

    // A PIE bigger than the address space.
    let mut huge_pie = good.clone();
    spec.poke(&mut huge_pie, spec.header_field(H::Type), ET_DYN as u64);
    spec.poke(
        &mut huge_pie,
        spec.phdr_field(2, P::Memsz),
        (1 << 40) + (1 << 39),
    );
    assert!(matches!(
        try_load(&huge_pie).unwrap_err(),
        LoadError::NoRoomForImage(_)
    ));

    // A 32-bit program in a 64-bit address space, and arguments too long for the stack.
    let mut mem = AddressSpace::new(64).unwrap();
    let p32 = ppc32_exec().build();
    let err = load(&p32, "p", &[], &[], &StackParams::default(), None, &mut mem).unwrap_err();
    assert!(matches!(
        err,
        LoadError::AddressSpaceTooWide { bits: 32, .. }
    ));
    let mut mem = AddressSpace::new(64).unwrap();
    let long = vec![vec![b'a'; 1 << 20]; 3];
    let err = load(
        &good,
        "p",
        &long,
        &[],
        &StackParams::default(),
        None,
        &mut mem,
    )
    .unwrap_err();
    assert_eq!(err.to_string(), "argument list too long (3145733 bytes)");
    assert_eq!(mem.vmas().count(), 0, "refused before mapping anything");

    // Every error message is one line.
    for e in [
        mangle(spec.header_field(H::Phnum), 0),
        err,
        LoadError::NotElf,
    ] {
        assert!(!e.to_string().contains('\n'));
    }
}

/// End of the last file bytes a spec's segments need.
fn file_bytes_needed(spec: &ElfSpec) -> u64 {
    spec.segs
        .iter()
        .zip(spec.offsets())
        .map(|(s, off)| {
            if s.with_headers {
                spec.headers_end() + s.data.len() as u64
            } else {
                off + s.data.len() as u64
            }
        })
        .max()
        .unwrap_or(0)
        .max(spec.headers_end())
}

/// Loads a mutant unless it is a valid program asking for more than 64 MiB: mapping that much
/// costs time in `mem` (one host mprotect per page), not loader robustness. Such mutants still
/// go through all the validation.
fn try_load_modest(file: &[u8]) -> Option<Result<LoadedImage, LoadError>> {
    if let Ok(elf) = super::elf::ElfFile::parse(file) {
        let total: u64 = elf
            .segments
            .iter()
            .map(|s| s.memsz.saturating_add(0xfff))
            .fold(0, u64::saturating_add);
        if total > 64 << 20 {
            return None;
        }
    }
    Some(try_load(file))
}

#[test]
fn truncated_and_random_files_never_panic() {
    let mut rng = Lcg(0x5eed);
    for spec in [x86_64_exec(), ppc32_exec()] {
        let good = spec.build();
        let needed = file_bytes_needed(&spec);
        for len in (0..good.len()).step_by(7) {
            let r = try_load(&good[..len]);
            assert_eq!(r.is_ok(), len as u64 >= needed, "truncated at {len}: {r:?}");
        }
        // Random bytes, bare and behind a valid identification, type and machine.
        for round in 0..200 {
            let len = (rng.next() % 600) as usize;
            let mut f: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
            if round % 2 == 1 && f.len() >= 20 {
                f[..20].copy_from_slice(&good[..20]);
            }
            let _ = try_load_modest(&f);
        }
    }
    // Random byte changes to valid images, mostly in the headers where the fields are.
    let (mut loaded, mut failed) = (0, 0);
    for (spec, rounds) in [(x86_64_exec(), 1000), (ppc32_exec(), 300)] {
        let good = spec.build();
        let header_len = spec.headers_end() as usize;
        for _ in 0..rounds {
            let mut f = good.clone();
            for _ in 0..1 + rng.next() % 4 {
                let span = if rng.next().is_multiple_of(4) {
                    f.len()
                } else {
                    header_len
                };
                let at = (rng.next() as usize) % span;
                f[at] = rng.next() as u8;
            }
            match try_load_modest(&f) {
                Some(Ok(_)) => loaded += 1,
                Some(Err(e)) => {
                    assert!(!e.to_string().contains('\n'));
                    failed += 1;
                }
                None => {}
            }
        }
    }
    assert!(
        loaded > 100 && failed > 100,
        "{loaded} mutants loaded, {failed} refused"
    );
}
