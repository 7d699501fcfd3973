/* Statuses to the exit codes of FORMATS.md section 1: see cli.h. */
#include "cli.h"

int cli_exit_code(pf_status st)
{
	switch (st) {
	case PF_OK:
	case PF_END:
		return 0;
	case PF_EUSAGE:
		return EXIT_USAGE;
	case PF_EINPUT:
	case PF_ENOTFOUND:
		return EXIT_INPUT;
	case PF_EENV:
	case PF_EBUSY:
	case PF_ENOMEM:
		return EXIT_ENV;
	}
	return EXIT_ENV;
}
