#ifndef ONSET_NCURSESW_SHIM_H
#define ONSET_NCURSESW_SHIM_H
// The wide-character API (get_wch, cchar_t, mvadd_wch) is only declared when this is set,
// and SwiftPM drops the -D flags that pkg-config would supply.
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Swift 6 treats these C globals as shared mutable state, and the attribute and key macros
// are not importable; static inline accessors give Swift a safe way to read them.
static inline WINDOW *onset_stdscr(void) { return stdscr; }
static inline int onset_lines(void) { return LINES; }
static inline int onset_cols(void) { return COLS; }
static inline attr_t onset_a_bold(void) { return A_BOLD; }
static inline attr_t onset_a_reverse(void) { return A_REVERSE; }
static inline attr_t onset_a_underline(void) { return A_UNDERLINE; }
static inline attr_t onset_a_dim(void) { return A_DIM; }
static inline attr_t onset_a_normal(void) { return A_NORMAL; }
static inline int onset_key_f(int n) { return KEY_F(n); }
static inline mmask_t onset_mouse_mask_all(void) { return ALL_MOUSE_EVENTS; }
static inline mmask_t onset_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t onset_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t onset_button5_pressed(void) { return BUTTON5_PRESSED; }
#endif
