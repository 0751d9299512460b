/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * Structural scanner: per 64-octet block, sixteen bitmaps of the datagram,
 * one bit per octet: line feeds, colons, commas, quotes and raw control
 * octets, three spare slots left 0, and the RFC 3261 character classes the
 * grammars walk (token, host, parameter value, ...). The parser reads these
 * instead of the octets, so finding the next line end or the end of a host
 * name is a count-trailing-zeros, not a loop with a branch per octet.
 *
 * Five implementations compute identical masks: scalar (the reference,
 * two table lookups per octet), SSE2 (compares for the structural masks,
 * the class table for the rest: SSE2 has no byte shuffle), AVX2 and
 * AVX-512BW (compares, and the class table's rows by byte shuffles,
 * XORed: see class_octets32), and
 * AVX-512 VBMI + GFNI, which looks up both octets of 64 characters with two
 * permutes and turns the 64x8 bit matrices into masks with one affine
 * transpose and one permute each. The SIMD ones are compiled with
 * per-function target attributes because Debian's DPDK flags pin the
 * baseline to SSE4.2, and one is chosen at run time from CPUID.
 *
 * Every block stands alone: no mask depends on the next block, so a CR
 * is marked as a control octet whether or not an LF follows it. Fixing
 * that per block, after the masks are stored, cost ~40% of the widest
 * scanner's time; the parser asks it once, of the header section only.
 */
#include <errno.h>
#include <string.h>
#include <immintrin.h>

#include "sip_internal.h"

/* Octets past the datagram's end read as this: outside ASCII, so in no
 * class and no structural mask, and no mask has a bit past the end. */
#define PAD_OCTET 0x80

/* The structural masks a scanner computes: the ones before the spare slots,
 * which it leaves 0 (sip.h). */
#define STRUCT_MASKS SF_SIP_SCAN_SPARE5

static inline void
clear_spares(uint64_t *mask)
{
	_Static_assert(SF_SIP_SCAN_SPARE7 == SF_SIP_SCAN_FIRST_CLASS - 1, "spares last");
	for (unsigned k = STRUCT_MASKS; k < SF_SIP_SCAN_FIRST_CLASS; k++)
		mask[k] = 0;
}

/* The last, partial block is copied into a padded buffer so that no
 * implementation ever loads past the end of the datagram. */
static inline const uint8_t *
block_ptr(const uint8_t *buf, size_t len, size_t block, uint8_t tail[64])
{
	size_t off = block * 64;

	if (off + 64 <= len)
		return buf + off;
	memset(tail, PAD_OCTET, 64);
	memcpy(tail, buf + off, len - off);
	return tail;
}

/* Transposes an 8x8 bit matrix held one row per octet: bit j of octet i
 * becomes bit i of octet j (Hacker's Delight, 7-3). */
static inline uint64_t
transpose8x8(uint64_t x)
{
	uint64_t t;

	t = (x ^ (x >> 7)) & 0x00aa00aa00aa00aaull;
	x = x ^ t ^ (t << 7);
	t = (x ^ (x >> 14)) & 0x0000cccc0000ccccull;
	x = x ^ t ^ (t << 14);
	t = (x ^ (x >> 28)) & 0x00000000f0f0f0f0ull;
	return x ^ t ^ (t << 28);
}

/* Eight masks from n <= 64 octets through a table of 8-bit classes: the
 * class octets of eight characters at a time, transposed, give one octet
 * of each mask, as the VBMI scanner does 64 at a time. */
static inline void
table_masks(const uint8_t *p, size_t n, const uint8_t table[256], uint64_t *out)
{
	uint64_t m[8] = {0};

	for (size_t g = 0; g * 8 < n; g++) {
		uint64_t rows = 0;

		for (size_t i = 0; i < 8 && g * 8 + i < n; i++)
			rows |= (uint64_t)table[p[g * 8 + i]] << (8 * i);
		rows = transpose8x8(rows);
		for (unsigned k = 0; k < 8; k++)
			m[k] |= (rows >> (8 * k) & 0xff) << (8 * g);
	}
	memcpy(out, m, sizeof(m));
}

static void
scan_scalar(const uint8_t *buf, size_t len, size_t from, size_t to, struct sf_sip_scan_index *index)
{
	for (size_t b = from; b < to; b++) {
		struct sf_sip_scan_block *blk = &index->block[b];
		size_t n = len - b * 64 < 64 ? len - b * 64 : 64;

		table_masks(buf + b * 64, n, sf_sip_scan_struct, blk->mask);
		table_masks(buf + b * 64, n, sf_sip_scan_class,
		            blk->mask + SF_SIP_SCAN_FIRST_CLASS);
	}
}

/* The structural masks of one 16-octet lane, by compares. Signed compares:
 * octets >= 0x80 are negative, so "0 <= c < 0x20" needs both bounds. */
static inline void
structure16(__m128i v, uint16_t out[STRUCT_MASKS])
{
	__m128i low = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(-1)),
	                            _mm_cmpgt_epi8(_mm_set1_epi8(0x20), v));
	__m128i lf = _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'));
	__m128i ctl = _mm_or_si128(
	        _mm_andnot_si128(_mm_or_si128(lf, _mm_cmpeq_epi8(v, _mm_set1_epi8('\t'))), low),
	        _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7f)));
	__m128i quote = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
	                             _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));

	out[SF_SIP_SCAN_LF] = (uint16_t)_mm_movemask_epi8(lf);
	out[SF_SIP_SCAN_COLON] = (uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(':')));
	out[SF_SIP_SCAN_COMMA] = (uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(',')));
	out[SF_SIP_SCAN_QUOTE] = (uint16_t)_mm_movemask_epi8(quote);
	out[SF_SIP_SCAN_CTL] = (uint16_t)_mm_movemask_epi8(ctl);
}

static void
scan_sse2(const uint8_t *buf, size_t len, size_t from, size_t to, struct sf_sip_scan_index *index)
{
	uint8_t tail[64];

	for (size_t b = from; b < to; b++) {
		struct sf_sip_scan_block *blk = &index->block[b];
		const uint8_t *p = block_ptr(buf, len, b, tail);

		for (unsigned k = 0; k < SF_SIP_SCAN_FIRST_CLASS; k++)
			blk->mask[k] = 0;
		for (int i = 0; i < 4; i++) {
			uint16_t lane[STRUCT_MASKS];

			structure16(_mm_loadu_si128((const __m128i *)(p + 16 * i)), lane);
			for (unsigned k = 0; k < STRUCT_MASKS; k++)
				blk->mask[k] |= (uint64_t)lane[k] << (16 * i);
		}
		table_masks(p, 64, sf_sip_scan_class, blk->mask + SF_SIP_SCAN_FIRST_CLASS);
	}
}

/* The class octet of 32 characters from the rows of 16 by high nibble,
 * each XORed with the row before it (sf_sip_scan_class_steps): the index
 * starts at the octet and drops by 16 per row with signed saturation, so
 * it picks the low nibble's entry of each row up to the octet's own and
 * is negative (a shuffle gives 0) after it; the XOR of those entries is
 * the own row's. An octet >= 0x80 is negative from the start: no class. */
__attribute__((target("avx2"))) static inline __m256i
class_octets32(__m256i v, const __m256i rows[8])
{
	__m256i index = v, cls = _mm256_shuffle_epi8(rows[0], v);

	for (int r = 1; r < 8; r++) {
		index = _mm256_subs_epi8(index, _mm256_set1_epi8(16));
		cls = _mm256_xor_si256(cls, _mm256_shuffle_epi8(rows[r], index));
	}
	return cls;
}

/* The octets the SIMD scanners compare with, a vector each: the structural
 * octets (the AVX2 scanner reads the first 32 of each row), and for the
 * AVX-512BW scanner the class rows' step and each class bit (the AVX2 one
 * moves each bit to the top with an add instead). */
enum {
	OCT_LF,
	OCT_COLON,
	OCT_COMMA,
	OCT_DQUOTE,
	OCT_BACKSLASH,
	OCT_HT,
	OCT_DEL,
	OCT_LOW_MAX,
	OCT_ROW_STEP,
	OCT_CLASS_BIT, /* bit k at OCT_CLASS_BIT + k */
	OCT_COUNT = OCT_CLASS_BIT + 8
};
#define OCTET8(c) c, c, c, c, c, c, c, c
#define OCTET64(c)                                                                           \
	{                                                                                    \
		OCTET8(c), OCTET8(c), OCTET8(c), OCTET8(c), OCTET8(c), OCTET8(c), OCTET8(c), \
		        OCTET8(c)                                                            \
	}
static const uint8_t scan_octets[OCT_COUNT][64] __attribute__((aligned(64))) = {
        [OCT_LF] = OCTET64('\n'),
        [OCT_COLON] = OCTET64(':'),
        [OCT_COMMA] = OCTET64(','),
        [OCT_DQUOTE] = OCTET64('"'),
        [OCT_BACKSLASH] = OCTET64('\\'),
        [OCT_HT] = OCTET64('\t'),
        [OCT_DEL] = OCTET64(0x7f),
        [OCT_LOW_MAX] = OCTET64(0x1f),
        [OCT_ROW_STEP] = OCTET64(16),
        [OCT_CLASS_BIT + 0] = OCTET64(1 << 0),
        [OCT_CLASS_BIT + 1] = OCTET64(1 << 1),
        [OCT_CLASS_BIT + 2] = OCTET64(1 << 2),
        [OCT_CLASS_BIT + 3] = OCTET64(1 << 3),
        [OCT_CLASS_BIT + 4] = OCTET64(1 << 4),
        [OCT_CLASS_BIT + 5] = OCTET64(1 << 5),
        [OCT_CLASS_BIT + 6] = OCTET64(1 << 6),
        [OCT_CLASS_BIT + 7] = OCTET64(1 << 7),
};

/* scan_octets, opaque to the compiler, so that each compare reads its
 * octets from memory (one instruction): with too few vector registers to
 * keep them all, gcc otherwise builds each from a general register per
 * block, two or three instructions. */
static inline const uint8_t (*scan_octets_opaque(void))[64]
{
	const uint8_t(*oct)[64] = scan_octets;

	__asm__("" : "+r"(oct));
	return oct;
}

/* The structural octets of 32 characters as compare results, one vector
 * per structural mask; oct is scan_octets. */
__attribute__((target("avx2"))) static inline void
structure32(__m256i v, const uint8_t (*oct)[64], __m256i out[STRUCT_MASKS])
{
#define OCT(i) _mm256_load_si256((const __m256i *)oct[i])
	__m256i lf = _mm256_cmpeq_epi8(v, OCT(OCT_LF));
	/* v <= 0x1f, unsigned */
	__m256i low = _mm256_cmpeq_epi8(_mm256_min_epu8(v, OCT(OCT_LOW_MAX)), v);

	out[SF_SIP_SCAN_LF] = lf;
	out[SF_SIP_SCAN_COLON] = _mm256_cmpeq_epi8(v, OCT(OCT_COLON));
	out[SF_SIP_SCAN_COMMA] = _mm256_cmpeq_epi8(v, OCT(OCT_COMMA));
	out[SF_SIP_SCAN_QUOTE] = _mm256_or_si256(_mm256_cmpeq_epi8(v, OCT(OCT_DQUOTE)),
	                                         _mm256_cmpeq_epi8(v, OCT(OCT_BACKSLASH)));
	out[SF_SIP_SCAN_CTL] = _mm256_or_si256(
	        _mm256_andnot_si256(_mm256_or_si256(lf, _mm256_cmpeq_epi8(v, OCT(OCT_HT))), low),
	        _mm256_cmpeq_epi8(v, OCT(OCT_DEL)));
#undef OCT
}

/* One 64-bit mask from the top bits of two 32-octet halves. */
__attribute__((target("avx2"))) static inline uint64_t
mask64(__m256i lo, __m256i hi)
{
	return (uint32_t)_mm256_movemask_epi8(lo) | (uint64_t)(uint32_t)_mm256_movemask_epi8(hi)
	                                                    << 32;
}

/* Per block: the eight structural masks by compares, the class octets by
 * eight byte shuffles, and each of their bits to a mask by moving it to
 * the top (movemask reads bit 7) with one add of the octets to themselves
 * per bit. */
__attribute__((target("avx2"))) static void
scan_avx2(const uint8_t *buf, size_t len, size_t from, size_t to, struct sf_sip_scan_index *index)
{
	uint8_t tail[64];
	__m256i rows[8];

	for (int r = 0; r < 8; r++)
		rows[r] = _mm256_broadcastsi128_si256(
		        _mm_load_si128((const __m128i *)(sf_sip_scan_class_steps + 16 * r)));
	for (size_t b = from; b < to; b++) {
		uint64_t *mask = index->block[b].mask;
		const uint8_t *p = block_ptr(buf, len, b, tail);
		__m256i lo = _mm256_loadu_si256((const __m256i *)p);
		__m256i hi = _mm256_loadu_si256((const __m256i *)(p + 32));
		__m256i s_lo[STRUCT_MASKS], s_hi[STRUCT_MASKS];
		const uint8_t(*oct)[64] = scan_octets_opaque();

		structure32(lo, oct, s_lo);
		structure32(hi, oct, s_hi);
		for (unsigned k = 0; k < STRUCT_MASKS; k++)
			mask[k] = mask64(s_lo[k], s_hi[k]);
		clear_spares(mask);
		__m256i c_lo = class_octets32(lo, rows), c_hi = class_octets32(hi, rows);

		for (int k = 7; k >= 0; k--) {
			mask[SF_SIP_SCAN_FIRST_CLASS + k] = mask64(c_lo, c_hi);
			c_lo = _mm256_add_epi8(c_lo, c_lo);
			c_hi = _mm256_add_epi8(c_hi, c_hi);
		}
	}
}

/* The octets of the datagram's last block when it is a partial one (len
 * not a multiple of 64): the masked load of the AVX-512 scanners, which
 * take every whole block with a plain load. */
static inline __mmask64
partial_block_octets(size_t len)
{
	return ((__mmask64)1 << (len % 64)) - 1;
}

/* As the AVX2 scanner, 64 characters at a time: the structural masks by
 * compares, the class octets by the XOR-stepped rows, a mask per class
 * bit by a test. */
__attribute__((target("avx512f,avx512bw"))) static inline void
bw_block(__m512i v, const __m512i rows[8], uint64_t *mask)
{
	const uint8_t(*oct)[64] = scan_octets_opaque();
#define OCT(i)  _mm512_load_si512(oct[i])
#define EQ64(i) _mm512_cmpeq_epi8_mask(v, OCT(i))
	__mmask64 lf = EQ64(OCT_LF);

	mask[SF_SIP_SCAN_LF] = lf;
	mask[SF_SIP_SCAN_COLON] = EQ64(OCT_COLON);
	mask[SF_SIP_SCAN_COMMA] = EQ64(OCT_COMMA);
	mask[SF_SIP_SCAN_QUOTE] = EQ64(OCT_DQUOTE) | EQ64(OCT_BACKSLASH);
	mask[SF_SIP_SCAN_CTL] =
	        (_mm512_cmple_epu8_mask(v, OCT(OCT_LOW_MAX)) & ~EQ64(OCT_HT) & ~lf) | EQ64(OCT_DEL);
	clear_spares(mask);
#undef EQ64
	__m512i index_r = v, cls = _mm512_shuffle_epi8(rows[0], v);

	for (int r = 1; r < 8; r++) {
		index_r = _mm512_subs_epi8(index_r, OCT(OCT_ROW_STEP));
		cls = _mm512_xor_si512(cls, _mm512_shuffle_epi8(rows[r], index_r));
	}
	for (unsigned k = 0; k < 8; k++)
		mask[SF_SIP_SCAN_FIRST_CLASS + k] =
		        _mm512_test_epi8_mask(cls, OCT(OCT_CLASS_BIT + k));
#undef OCT
}

/* The blocks wholly inside the datagram by plain loads, the last, partial
 * one alone by a masked load (see scan_avx512vbmi). */
__attribute__((target("avx512f,avx512bw"))) static void
scan_avx512bw(const uint8_t *buf, size_t len, size_t from, size_t to,
              struct sf_sip_scan_index *index)
{
	__m512i rows[8];
	size_t whole = len / 64 < to ? len / 64 : to;
	struct sf_sip_scan_block *blk = &index->block[from];
	const uint8_t *p = buf + from * 64;

	for (int r = 0; r < 8; r++)
		rows[r] = _mm512_broadcast_i32x4(
		        _mm_load_si128((const __m128i *)(sf_sip_scan_class_steps + 16 * r)));
	for (const uint8_t *stop = buf + whole * 64; p < stop; p += 64, blk++)
		bw_block(_mm512_loadu_si512(p), rows, blk->mask);
	if (whole < to)
		/* A masked load reads only the octets inside the datagram. */
		bw_block(_mm512_mask_loadu_epi8(_mm512_set1_epi8((char)PAD_OCTET),
		                                partial_block_octets(len), p),
		         rows, blk->mask);
}

/* VBMI + GFNI: the 64 characters are first reversed within each 8-octet
 * group, so that after the table lookups (two-table permutes on the low
 * seven bits; octets >= 0x80 are in no class and have no structural bit)
 * each group is an 8x8 bit matrix whose affine product with the unit
 * vectors 1 << k is its transpose: octet k of group q holds bit k of its
 * eight characters, in order. One more permute gathers octet k of every
 * group into 64-bit word k, and the sixteen masks are two vector stores
 * (unaligned ones: a caller may malloc its parser). */
__attribute__((target("avx512f,avx512bw,avx512vbmi,gfni"))) static inline __m512i
transpose_masks(__m512i octets)
{
	const __m512i units = _mm512_set1_epi64(0x8040201008040201ll);
	const __m512i gather = _mm512_set_epi8(
	        63, 55, 47, 39, 31, 23, 15, 7, 62, 54, 46, 38, 30, 22, 14, 6, 61, 53, 45, 37, 29,
	        21, 13, 5, 60, 52, 44, 36, 28, 20, 12, 4, 59, 51, 43, 35, 27, 19, 11, 3, 58, 50, 42,
	        34, 26, 18, 10, 2, 57, 49, 41, 33, 25, 17, 9, 1, 56, 48, 40, 32, 24, 16, 8, 0);

	return _mm512_permutexvar_epi8(gather, _mm512_gf2p8affine_epi64_epi8(units, octets, 0));
}

/* One block's sixteen masks from its 64 octets v. */
__attribute__((target("avx512f,avx512bw,avx512vbmi,gfni"))) static inline void
vbmi_block(__m512i v, const __m512i tables[4], struct sf_sip_scan_block *blk)
{
	const __m512i reverse = _mm512_set_epi8(
	        56, 57, 58, 59, 60, 61, 62, 63, 48, 49, 50, 51, 52, 53, 54, 55, 40, 41, 42, 43, 44,
	        45, 46, 47, 32, 33, 34, 35, 36, 37, 38, 39, 24, 25, 26, 27, 28, 29, 30, 31, 16, 17,
	        18, 19, 20, 21, 22, 23, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7);
	__m512i r = _mm512_permutexvar_epi8(reverse, v);
	/* One test, where the sign mask and its complement take two. */
	__mmask64 ascii = _mm512_testn_epi8_mask(r, _mm512_set1_epi8((char)0x80));

	_mm512_storeu_si512(blk->mask, transpose_masks(_mm512_maskz_permutex2var_epi8(
	                                       ascii, tables[0], r, tables[1])));
	_mm512_storeu_si512(
	        blk->mask + SF_SIP_SCAN_FIRST_CLASS,
	        transpose_masks(_mm512_maskz_permutex2var_epi8(ascii, tables[2], r, tables[3])));
}

/* The blocks wholly inside the datagram by plain loads, in a loop of a
 * pointer step and a compare: the scalar work per block is the parser's
 * resource too (its integer units bound the parse), and the masked
 * load's mask, figured per block, took ten scalar instructions of each
 * block's two dozen. The last, partial block alone by a masked load. */
__attribute__((target("avx512f,avx512bw,avx512vbmi,gfni"))) static void
scan_avx512vbmi(const uint8_t *buf, size_t len, size_t from, size_t to,
                struct sf_sip_scan_index *index)
{
	const __m512i tables[4] = {
	        _mm512_load_si512(sf_sip_scan_struct),
	        _mm512_load_si512(sf_sip_scan_struct + 64),
	        _mm512_load_si512(sf_sip_scan_class),
	        _mm512_load_si512(sf_sip_scan_class + 64),
	};
	size_t whole = len / 64 < to ? len / 64 : to, b = from;

	for (; b < whole; b++)
		vbmi_block(_mm512_loadu_si512(buf + b * 64), tables, &index->block[b]);
	if (b < to)
		/* A masked load reads only the octets inside the datagram. */
		vbmi_block(_mm512_mask_loadu_epi8(_mm512_set1_epi8((char)PAD_OCTET),
		                                  partial_block_octets(len), buf + b * 64),
		           tables, &index->block[b]);
}

bool
sf_sip_scan_supported(enum sf_sip_scan_impl impl)
{
	__builtin_cpu_init();
	switch (impl) {
	case SF_SIP_SCAN_AUTO:
	case SF_SIP_SCAN_SCALAR: return true;
	case SF_SIP_SCAN_SSE2: return __builtin_cpu_supports("sse2");
	case SF_SIP_SCAN_AVX2: return __builtin_cpu_supports("avx2");
	case SF_SIP_SCAN_AVX512BW:
		return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw");
	case SF_SIP_SCAN_AVX512VBMI:
		return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
		       __builtin_cpu_supports("avx512vbmi") && __builtin_cpu_supports("gfni");
	}
	return false;
}

/* Widest first: on the measured VM AVX-512BW's masked loads and compares
 * beat AVX2 by ~5% on the 585-octet mix (bench/README.md, --scanners). */
static enum sf_sip_scan_impl
scan_best(void)
{
	if (sf_sip_scan_supported(SF_SIP_SCAN_AVX512VBMI))
		return SF_SIP_SCAN_AVX512VBMI;
	if (sf_sip_scan_supported(SF_SIP_SCAN_AVX512BW))
		return SF_SIP_SCAN_AVX512BW;
	if (sf_sip_scan_supported(SF_SIP_SCAN_AVX2))
		return SF_SIP_SCAN_AVX2;
	if (sf_sip_scan_supported(SF_SIP_SCAN_SSE2))
		return SF_SIP_SCAN_SSE2;
	return SF_SIP_SCAN_SCALAR;
}

sf_sip_scan_fn
sf_sip_scan_get(enum sf_sip_scan_impl impl)
{
	if (impl == SF_SIP_SCAN_AUTO)
		impl = scan_best();
	if (!sf_sip_scan_supported(impl))
		return NULL;
	switch (impl) {
	case SF_SIP_SCAN_SCALAR: return scan_scalar;
	case SF_SIP_SCAN_SSE2: return scan_sse2;
	case SF_SIP_SCAN_AVX2: return scan_avx2;
	case SF_SIP_SCAN_AVX512BW: return scan_avx512bw;
	case SF_SIP_SCAN_AVX512VBMI: return scan_avx512vbmi;
	case SF_SIP_SCAN_AUTO: break;
	}
	return NULL;
}

const char *
sf_sip_scan_impl_name(enum sf_sip_scan_impl impl)
{
	switch (impl) {
	case SF_SIP_SCAN_AUTO: return "auto";
	case SF_SIP_SCAN_SCALAR: return "scalar";
	case SF_SIP_SCAN_SSE2: return "sse2";
	case SF_SIP_SCAN_AVX2: return "avx2";
	case SF_SIP_SCAN_AVX512BW: return "avx512bw";
	case SF_SIP_SCAN_AVX512VBMI: return "avx512vbmi";
	}
	return "unknown";
}

int
sf_sip_scan_impl_from_name(const char *name, enum sf_sip_scan_impl *impl)
{
	for (int i = SF_SIP_SCAN_AUTO; i <= SF_SIP_SCAN_AVX512VBMI; i++)
		if (strcmp(name, sf_sip_scan_impl_name((enum sf_sip_scan_impl)i)) == 0) {
			*impl = (enum sf_sip_scan_impl)i;
			return 0;
		}
	return -EINVAL;
}

const char *
sf_sip_scan_mask_name(enum sf_sip_scan_mask mask)
{
	static const char *const names[] = {
#define SF_SIP_SCAN_MASK_NAME(name, text) [SF_SIP_SCAN_##name] = #name,
	        SF_SIP_SCAN_MASK_LIST(SF_SIP_SCAN_MASK_NAME)
#undef SF_SIP_SCAN_MASK_NAME
	};

	return (unsigned)mask < SF_SIP_SCAN_MASKS ? names[mask] : "UNKNOWN";
}

int
sf_sip_parser_init(struct sf_sip_parser *parser, enum sf_sip_scan_impl impl)
{
	if (impl == SF_SIP_SCAN_AUTO)
		impl = scan_best();
	parser->scan = sf_sip_scan_get(impl);
	if (parser->scan == NULL)
		return -ENOTSUP;
	parser->scan_impl = impl;
	parser->fast_paths = true;
	parser->first_scan_blocks =
	        impl == SF_SIP_SCAN_AVX512VBMI ? SCAN_FIRST_BLOCKS_VBMI : SCAN_FIRST_BLOCKS;
	/* Once: ctx_bits may read the stale word after a scanned block, and
	 * it should never be uninitialised memory. */
	memset(&parser->index, 0, sizeof(parser->index));
	parser->limits = (struct sf_sip_limits){
	        .max_msg_size = SF_SIP_MAX_DATAGRAM,
	        .max_headers = 128,
	        .max_line_len = 8192,
	        .max_vias = SF_SIP_MAX_VIAS,
	};
	return 0;
}

int
sf_sip_parser_set_limits(struct sf_sip_parser *parser, const struct sf_sip_limits *limits)
{
	if (limits->max_msg_size == 0 || limits->max_msg_size > SF_SIP_MAX_DATAGRAM ||
	    limits->max_headers == 0 || limits->max_headers > SF_SIP_MAX_HEADERS ||
	    limits->max_line_len == 0 || limits->max_vias == 0 ||
	    limits->max_vias > SF_SIP_MAX_VIAS)
		return -EINVAL;
	parser->limits = *limits;
	return 0;
}
