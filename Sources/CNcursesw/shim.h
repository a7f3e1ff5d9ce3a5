// Swift cannot import ncurses' macros and mutable globals (attributes, key codes, stdscr,
// LINES/COLS), and Swift 6 rejects the globals as not concurrency-safe. These inline
// functions expose exactly what the terminal backend needs, computed by ncurses' own headers.
#ifndef CYGNI_NCURSES_SHIM_H
#define CYGNI_NCURSES_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
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

/// The common case of a frame, one narrow character, without building a string on the Swift side.
static inline int cygni_put_character(int y, int x, wchar_t character, attr_t attrs, int pair) {
    wchar_t text[2] = { character, 0 };
    cchar_t cell;
    if (setcchar(&cell, text, attrs, 0, &pair) != OK) return ERR;
    return mvwadd_wch(stdscr, y, x, &cell);
}

static inline int cygni_get_wch(wint_t *out) { return wget_wch(stdscr, out); }

/// The C library's width of a character, which is what ncurses uses to lay out a row.
/// (glibc declares wcwidth only under _XOPEN_SOURCE, which SwiftPM's flags do not set.)
static inline int cygni_wcwidth(wchar_t character) {
    extern int wcwidth(wchar_t);
    return wcwidth(character);
}

static inline int cygni_key_mouse(void) { return KEY_MOUSE; }
static inline attr_t cygni_a_standout(void) { return A_STANDOUT; }

/// Opens the terminal on stdout/stdin. Unlike initscr, newterm returns NULL instead of exiting
/// the process when TERM is unknown, so the caller can report a readable error.
static inline SCREEN *cygni_newterm(void) { return newterm(NULL, stdout, stdin); }
static inline int cygni_keypad(bool on) { return keypad(stdscr, on); }
static inline int cygni_nodelay(bool on) { return nodelay(stdscr, on); }
static inline int cygni_erase(void) { return werase(stdscr); }
static inline int cygni_clearok(bool on) { return clearok(curscr, on); }
static inline int cygni_refresh(void) { wnoutrefresh(stdscr); return doupdate(); }
/// True when terminfo declares direct colour (the `RGB` capability, as in xterm-direct).
static inline bool cygni_has_rgb_capability(void) {
    return tigetflag("RGB") > 0 || tigetnum("RGB") > 0;
}

/// The real window size from the kernel (ncurses' idea of it can be stale after SIGWINCH).
static inline int cygni_window_size(int fd, int *rows, int *cols) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0) return -1;
    *rows = size.ws_row;
    *cols = size.ws_col;
    return 0;
}

/// Turns off XON/XOFF flow control (Ctrl-S would otherwise freeze the console) while keeping
/// ISIG, so Ctrl-C and Ctrl-Z still arrive as SIGINT and SIGTSTP.
static inline int cygni_disable_flow_control(int fd) {
    struct termios modes;
    if (tcgetattr(fd, &modes) != 0) return -1;
    modes.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
    return tcsetattr(fd, TCSANOW, &modes);
}

/* ---------------------------------------------------------------------------------------------
 * Terminal restore and signal forwarding.
 *
 * Written in C because a signal handler may only make async-signal-safe calls, and Swift code
 * gives no such guarantee (runtime calls, lazy globals, exclusivity checks). The shared state is
 * one weak global so every object file that includes this header links to the same instance
 * (a `static` would give each Swift object file its own copy).
 * ------------------------------------------------------------------------------------------- */
struct cygni_terminal_state {
    struct termios saved_modes;
    volatile sig_atomic_t has_saved_modes;
    /// Set while the full-screen UI owns the terminal; restore is a no-op otherwise, so exiting
    /// after a clean shutdown does not emit stray escape sequences (1049l would move the cursor).
    volatile sig_atomic_t screen_active;
    /// Write end of the self-pipe SignalEvents reads; -1 when nobody listens.
    volatile sig_atomic_t signal_pipe;
    /// Interrupt/terminate/hangup signals received; a third one forces an exit even if the run
    /// loop is stuck.
    volatile sig_atomic_t termination_requests;
    volatile sig_atomic_t handling_fatal;
    struct sigaction previous_fatal[65];
};
__attribute__((weak)) struct cygni_terminal_state cygni_terminal_state_storage = {
    .has_saved_modes = 0, .screen_active = 0, .signal_pipe = -1, .termination_requests = 0,
    .handling_fatal = 0,
};

/// Reset attributes, disable every mouse mode, leave keypad-transmit mode, show the cursor,
/// and leave the alternate screen.
static const char cygni_restore_sequence[] =
    "\033[0m\033[?1000l\033[?1002l\033[?1003l\033[?1006l\033[?2004l\033[?1l\033>\033[?25h\033[?1049l";

static inline void cygni_write_all(int fd, const char *bytes, size_t count) {
    while (count > 0) {
        ssize_t written = write(fd, bytes, count);
        if (written < 0) {
            if (errno == EINTR) continue;
            return;
        }
        bytes += written;
        count -= (size_t)written;
    }
}

/// Async-signal-safe: write(2) and tcsetattr(3) only.
static inline void cygni_restore_terminal(void) {
    struct cygni_terminal_state *state = &cygni_terminal_state_storage;
    if (!state->screen_active) return;
    state->screen_active = 0;
    cygni_write_all(STDOUT_FILENO, cygni_restore_sequence, sizeof cygni_restore_sequence - 1);
    if (state->has_saved_modes) tcsetattr(STDIN_FILENO, TCSANOW, &state->saved_modes);
}

static inline void cygni_set_screen_active(bool active) {
    cygni_terminal_state_storage.screen_active = active ? 1 : 0;
}

static inline bool cygni_save_terminal_modes(void) {
    struct cygni_terminal_state *state = &cygni_terminal_state_storage;
    if (state->has_saved_modes) return true;
    if (tcgetattr(STDIN_FILENO, &state->saved_modes) != 0) return false;
    state->has_saved_modes = 1;
    return true;
}

/// Restores the terminal, lets whoever handled the signal before us run (on Linux the Swift
/// runtime's backtracer, which then prints the crash report on a sane terminal), then takes the
/// default action (terminate, core dump). Re-raising is needed even after the backtracer: it
/// returns, which ends the process only for a real fault (the instruction faults again), not for
/// a signal sent with kill(2) or raise(3), where the program would otherwise carry on.
static inline void cygni_fatal_signal_handler(int sig, siginfo_t *info, void *context) {
    cygni_restore_terminal();
    // A second fatal signal while handling the first (the backtracer crashing) goes straight
    // to the default action instead of chaining again.
    if (!cygni_terminal_state_storage.handling_fatal && sig > 0 && sig < 65) {
        cygni_terminal_state_storage.handling_fatal = 1;
        struct sigaction previous = cygni_terminal_state_storage.previous_fatal[sig];
        if ((previous.sa_flags & SA_SIGINFO) && previous.sa_sigaction != NULL) {
            previous.sa_sigaction(sig, info, context);
        } else if (!(previous.sa_flags & SA_SIGINFO) && previous.sa_handler != SIG_DFL
                   && previous.sa_handler != SIG_IGN && previous.sa_handler != NULL) {
            previous.sa_handler(sig);
        }
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

static inline int cygni_install_fatal_handler(int sig) {
    if (sig <= 0 || sig >= 65) return -1;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = cygni_fatal_signal_handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    return sigaction(sig, &action, &cygni_terminal_state_storage.previous_fatal[sig]);
}

/// A stack overflow hits the guard page with no stack left to run a handler on; give this
/// thread an alternate signal stack unless one exists already.
static inline int cygni_ensure_alternate_signal_stack(void) {
    stack_t current;
    if (sigaltstack(NULL, &current) == 0 && !(current.ss_flags & SS_DISABLE)) return 0;
    size_t size = 64 * 1024;
    void *memory = malloc(size);
    if (memory == NULL) return -1;
    stack_t fresh;
    fresh.ss_sp = memory;
    fresh.ss_size = size;
    fresh.ss_flags = 0;
    return sigaltstack(&fresh, NULL);
}

static inline void cygni_atexit_restore(void) { cygni_restore_terminal(); }
static inline int cygni_register_atexit_restore(void) { return atexit(cygni_atexit_restore); }

/// Forwards a signal number through the self-pipe. Interrupt, terminate and hangup are counted:
/// the third one restores the terminal and exits at once, an escape hatch if the loop hangs.
static inline void cygni_forwarding_signal_handler(int sig) {
    int saved_errno = errno;
    struct cygni_terminal_state *state = &cygni_terminal_state_storage;
    if (sig == SIGINT || sig == SIGTERM || sig == SIGHUP) {
        state->termination_requests += 1;
        if (state->termination_requests >= 3) {
            cygni_restore_terminal();
            _exit(128 + sig);
        }
    }
    int fd = state->signal_pipe;
    if (fd >= 0) {
        unsigned char byte = (unsigned char)sig;
        (void)write(fd, &byte, 1);
    }
    errno = saved_errno;
}

static inline void cygni_set_signal_pipe(int fd) { cygni_terminal_state_storage.signal_pipe = fd; }

static inline int cygni_forward_signal(int sig) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = cygni_forwarding_signal_handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return sigaction(sig, &action, NULL);
}

static inline int cygni_make_pipe(int fds[2]) { return pipe(fds); }
static inline int cygni_set_nonblocking(int fd) {
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0) return -1;
    return fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}
static inline int cygni_set_cloexec(int fd) {
    int flags = fcntl(fd, F_GETFD);
    if (flags < 0) return -1;
    return fcntl(fd, F_SETFD, flags | FD_CLOEXEC);
}

/// Waits until `fd` is readable or `wake_fd` has a byte; 1 readable, 0 timeout or woken, -1 error.
/// A negative timeout waits forever.
static inline int cygni_wait_readable(int fd, int wake_fd, int timeout_ms) {
    struct pollfd fds[2];
    fds[0].fd = fd;
    fds[0].events = POLLIN;
    fds[0].revents = 0;
    fds[1].fd = wake_fd;
    fds[1].events = POLLIN;
    fds[1].revents = 0;
    int ready = poll(fds, 2, timeout_ms);
    if (ready < 0) return errno == EINTR ? 0 : -1;
    if (!(fds[0].revents & POLLIN) && (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL))) {
        // The terminal is gone (the SSH connection dropped). Reporting it readable would spin
        // the loop, as reads return nothing; sleep on the wake pipe alone until SIGHUP ends us.
        fds[0].fd = -1;
        fds[1].revents = 0;
        if (poll(fds, 2, timeout_ms) < 0 && errno != EINTR) return -1;
        fds[0].revents = 0;
    }
    if (fds[1].revents & POLLIN) {
        char drain[64];
        while (read(wake_fd, drain, sizeof drain) > 0) {}
    }
    return (fds[0].revents & POLLIN) ? 1 : 0;
}

static inline int cygni_signal_interrupt(void) { return SIGINT; }
static inline int cygni_signal_terminate(void) { return SIGTERM; }
static inline int cygni_signal_hangup(void) { return SIGHUP; }
static inline int cygni_signal_window_change(void) { return SIGWINCH; }
static inline int cygni_signal_terminal_stop(void) { return SIGTSTP; }
static inline int cygni_signal_continue(void) { return SIGCONT; }
static inline int cygni_signal_stop(void) { return SIGSTOP; }
#endif
