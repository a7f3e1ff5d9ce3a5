// Swift cannot import ncurses' macros and mutable globals (attributes, key codes, stdscr,
// LINES/COLS), and Swift 6 rejects the globals as not concurrency-safe. These inline
// functions expose exactly what the terminal backend needs, computed by ncurses' own headers.
#ifndef CYGNI_NCURSES_SHIM_H
#define CYGNI_NCURSES_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

static inline WINDOW *cygni_stdscr(void) { return stdscr; }
static inline int cygni_lines(void) { return LINES; }
static inline int cygni_cols(void) { return COLS; }
static inline int cygni_colors(void) { return COLORS; }
static inline int cygni_color_pairs(void) { return COLOR_PAIRS; }
static inline int cygni_err(void) { return ERR; }
static inline int cygni_ok(void) { return OK; }

static inline attr_t cygni_a_normal(void) { return A_NORMAL; }
static inline attr_t cygni_a_bold(void) { return A_BOLD; }
static inline attr_t cygni_a_dim(void) { return A_DIM; }
static inline attr_t cygni_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cygni_a_reverse(void) { return A_REVERSE; }
static inline attr_t cygni_a_blink(void) { return A_BLINK; }
static inline attr_t cygni_a_italic(void) { return A_ITALIC; }

static inline int cygni_key_down(void) { return KEY_DOWN; }
static inline int cygni_key_up(void) { return KEY_UP; }
static inline int cygni_key_left(void) { return KEY_LEFT; }
static inline int cygni_key_right(void) { return KEY_RIGHT; }
static inline int cygni_key_home(void) { return KEY_HOME; }
static inline int cygni_key_end(void) { return KEY_END; }
static inline int cygni_key_npage(void) { return KEY_NPAGE; }
static inline int cygni_key_ppage(void) { return KEY_PPAGE; }
static inline int cygni_key_backspace(void) { return KEY_BACKSPACE; }
static inline int cygni_key_dc(void) { return KEY_DC; }
static inline int cygni_key_ic(void) { return KEY_IC; }
static inline int cygni_key_enter(void) { return KEY_ENTER; }
static inline int cygni_key_btab(void) { return KEY_BTAB; }
static inline int cygni_key_resize(void) { return KEY_RESIZE; }
static inline int cygni_key_f(int n) { return KEY_F(n); }
static inline int cygni_key_code_yes(void) { return KEY_CODE_YES; }

/// Extended colour pairs (ncurses 6) so truecolor-capable terminals get more than 256 pairs.
static inline int cygni_init_extended_pair(int pair, int fg, int bg) { return init_extended_pair(pair, fg, bg); }
static inline int cygni_init_extended_color(int color, int r, int g, int b) { return init_extended_color(color, r, g, b); }

/// Draws one cell: a grapheme (as wide chars) with attributes and an extended colour pair.
static inline int cygni_put_cell(int y, int x, const wchar_t *text, attr_t attrs, int pair) {
    cchar_t cell;
    if (setcchar(&cell, text, attrs, 0, &pair) != OK) return ERR;
    return mvwadd_wch(stdscr, y, x, &cell);
}

static inline int cygni_get_wch(wint_t *out) { return wget_wch(stdscr, out); }
#endif
