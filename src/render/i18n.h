/*
 * The language of the rendered reports, gettext-style: the code keeps the
 * Swedish text as the message id and looks it up, so Swedish needs no
 * catalogue and a missing English entry shows the Swedish text rather than
 * nothing. Not public: the library's users choose a pf_lang in
 * pf_render_opts (portfolj/report.h).
 *
 * A message id may carry a context, "context|text", where one Swedish word
 * has two English ones ("plural|Initiativ" is "Initiatives", "Initiativ" is
 * "Initiative"); the context is never shown (glib's Q_() convention).
 * Message ids that are printf formats ("År %zu (%lld)") have English
 * formats with the same conversions in the same order (tests/test_i18n.c
 * checks it).
 */
#ifndef PF_I18N_H
#define PF_I18N_H

#include <stddef.h>

#include "portfolj/report.h"

/*
 * Marks a message id that is translated later, where it is stored (a static
 * table) or handed to a helper that calls pf_tr() (a heading, a fact label).
 * tests/test_i18n.c finds every PF_N_("...") and pf_tr(lang, "...") in the
 * renderers and checks that the catalogue has each.
 */
#define PF_N_(msgid) (msgid)

/*
 * The text of msgid in lang: Swedish is the msgid itself, English its
 * catalogue entry, or the msgid when there is none. A context prefix is
 * dropped either way. The result is a static string (or points into msgid).
 */
const char *pf_tr(pf_lang lang, const char *msgid);

/* The English catalogue, for tests: its size and its i-th entry (NULL past the end). */
size_t pf_i18n_count(void);
const char *pf_i18n_msgid(size_t i);
const char *pf_i18n_msgstr(size_t i);

#endif
