/* JSON Pointers (RFC 6901) in jansson values: see json_pointer.h. */
#include "importers/read/json_pointer.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Syntax only: empty, or starting with '/', and every '~' followed by 0 or 1. */
bool pf_json_pointer_valid(const char *p)
{
	if (*p && *p != '/')
		return false;
	for (; *p; p++)
		if (*p == '~' && p[1] != '0' && p[1] != '1')
			return false;
	return true;
}

/* Copies the reference token at *p (up to the next '/' or the end) into tok, unescaped. */
static void next_token(const char **p, char *tok)
{
	const char *s = *p;
	size_t n = 0;

	for (; *s && *s != '/'; s++) {
		if (*s == '~') {
			s++;
			tok[n++] = *s == '1' ? '/' : '~';
		} else {
			tok[n++] = *s;
		}
	}
	tok[n] = '\0';
	*p = s;
}

/* An array index is "0" or digits without a leading zero (RFC 6901 section 4). */
static bool array_index(const char *tok, size_t *out)
{
	size_t i = 0;

	if (!*tok || (tok[0] == '0' && tok[1]))
		return false;
	for (; *tok; tok++) {
		if (*tok < '0' || *tok > '9' || i > (SIZE_MAX - 9) / 10)
			return false;
		i = i * 10 + (size_t)(*tok - '0');
	}
	*out = i;
	return true;
}

json_t *pf_json_pointer(json_t *root, const char *pointer)
{
	char small[256], *tok = small;
	size_t len = strlen(pointer), i;
	json_t *v = root;

	if (!pf_json_pointer_valid(pointer))
		return NULL;
	if (len >= sizeof(small) && !(tok = malloc(len + 1)))
		return NULL;
	while (v && *pointer) {
		pointer++; /* the '/' before each token */
		next_token(&pointer, tok);
		if (json_is_object(v))
			v = json_object_get(v, tok);
		else if (json_is_array(v) && array_index(tok, &i))
			v = json_array_get(v, i);
		else
			v = NULL;
	}
	if (tok != small)
		free(tok);
	return v;
}

/* Empty pointers ("" is the whole document) are left out of locations. */
const char *pf_json_pointer_pos(const char *p)
{
	return p && *p ? p : NULL;
}
