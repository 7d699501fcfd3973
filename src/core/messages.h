/*
 * The message catalogue of the diagnostics (pf_msg in portfolj/error.h):
 * the English format, as the code writes it, is the message id; Swedish is
 * its entry. The reverse of the reports' catalogue (i18n.h), whose words
 * are Swedish first: there the data is Swedish, here the code's text is
 * English, and English falls back to the message id either way.
 */
#ifndef PF_MESSAGES_H
#define PF_MESSAGES_H

#include <stdbool.h>
#include <stddef.h>

#include "portfolj/error.h"

/*
 * Marks a format that is kept in a table or returned by a helper and given
 * to pf_error_* later: tests/test_messages.c finds every PF_MSG_("...") as
 * well as the literal formats of the pf_error_* calls and checks that the
 * catalogue has each.
 */
#define PF_MSG_(msgid) (msgid)

/* The catalogue's i-th entry, for tests: false past the end. */
bool pf_msg_entry(size_t i, const char **en, const char **sv);

#endif
