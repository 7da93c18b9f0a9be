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

// curscr is a C global like stdscr; clearok(curscr, TRUE) is how a full repaint is forced (Ctrl-L).
static inline WINDOW *onset_curscr(void) { return curscr; }
static inline attr_t onset_color_pair(int n) { return (attr_t)COLOR_PAIR(n); }
static inline int onset_color_pairs(void) { return COLOR_PAIRS; }
static inline int onset_colors(void) { return COLORS; }
static inline mmask_t onset_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t onset_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t onset_button1_double_clicked(void) { return BUTTON1_DOUBLE_CLICKED; }
static inline mmask_t onset_button2_clicked(void) { return BUTTON2_CLICKED; }
static inline mmask_t onset_button3_clicked(void) { return BUTTON3_CLICKED; }
static inline mmask_t onset_button3_pressed(void) { return BUTTON3_PRESSED; }

// glibc declares wcwidth only under _XOPEN_SOURCE, which SwiftPM strips (see above), so Swift's
// Glibc module does not export it. The prototype matches glibc's.
extern int wcwidth(wchar_t c);
static inline int onset_wcwidth(unsigned int c) { return wcwidth((wchar_t)c); }

// Flags shared with signal handlers must be read and written as volatile sig_atomic_t;
// Swift has no volatile, so these keep the compiler from caching the value across a loop.
#include <signal.h>
static inline int onset_flag_load(volatile sig_atomic_t *p) { return *p; }
static inline void onset_flag_store(volatile sig_atomic_t *p, int v) { *p = v; }
#endif
