#ifndef NETPOL_CLIBEDIT_SHIM_H
#define NETPOL_CLIBEDIT_SHIM_H
/* Swift cannot call C variadic functions (el_set, el_get, history), cannot use the MB_CUR_MAX
 * macro, and in Swift 6 rejects C's stdin/stdout/stderr globals: these static inline wrappers
 * (compiled into the importing module) fix all three. */
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <pthread.h>
#include <histedit.h>

static inline FILE *cel_stdin(void) { return stdin; }
static inline FILE *cel_stdout(void) { return stdout; }
static inline FILE *cel_stderr(void) { return stderr; }
static inline size_t cel_mb_cur_max(void) { return MB_CUR_MAX; }

typedef char *(*cel_prompt_fn)(EditLine *);
typedef unsigned char (*cel_command_fn)(EditLine *, int);

static inline int cel_set_prompt(EditLine *el, cel_prompt_fn f) { return el_set(el, EL_PROMPT, f); }
static inline int cel_set_editor(EditLine *el, const char *mode) { return el_set(el, EL_EDITOR, mode); }
static inline int cel_set_signal(EditLine *el, int on) { return el_set(el, EL_SIGNAL, on); }
static inline int cel_set_history(EditLine *el, History *h) { return el_set(el, EL_HIST, history, h); }
static inline int cel_set_clientdata(EditLine *el, void *p) { return el_set(el, EL_CLIENTDATA, p); }
static inline void *cel_get_clientdata(EditLine *el) {
  void *p = NULL;
  el_get(el, EL_CLIENTDATA, &p);
  return p;
}
static inline int cel_add_function(EditLine *el, const char *name, const char *help,
                                   cel_command_fn f) {
  return el_set(el, EL_ADDFN, name, help, f);
}
static inline int cel_bind(EditLine *el, const char *key, const char *command) {
  return el_set(el, EL_BIND, key, command, (const char *)NULL);
}
static inline int cel_setty(EditLine *el, const char *flag) {
  return el_set(el, EL_SETTY, "-d", flag, (const char *)NULL);
}

static inline int cel_history_setsize(History *h, int n) {
  HistEvent ev;
  return history(h, &ev, H_SETSIZE, n);
}
static inline int cel_history_setunique(History *h, int on) {
  HistEvent ev;
  return history(h, &ev, H_SETUNIQUE, on);
}
static inline int cel_history_enter(History *h, const char *line) {
  HistEvent ev;
  return history(h, &ev, H_ENTER, line);
}
static inline int cel_history_load(History *h, const char *path) {
  HistEvent ev;
  return history(h, &ev, H_LOAD, path);
}
static inline int cel_history_save(History *h, const char *path) {
  HistEvent ev;
  return history(h, &ev, H_SAVE, path);
}

/* Unblocks SIGINT in the calling thread (a parent such as a test runner may have blocked it). */
static inline int cel_unblock_sigint(void) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  return pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}
#endif
