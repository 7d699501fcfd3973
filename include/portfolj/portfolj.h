/* portfolj: a digitalisation-portfolio tracker. The umbrella header. */
#ifndef PORTFOLJ_H
#define PORTFOLJ_H

#include "portfolj/db.h"
#include "portfolj/effect.h"
#include "portfolj/error.h"
#include "portfolj/export.h"
#include "portfolj/global.h"
#include "portfolj/import.h"
#include "portfolj/kinds.h"
#include "portfolj/model.h"
#include "portfolj/outfile.h"
#include "portfolj/report.h"
#include "portfolj/rows.h"
#include "portfolj/users.h"
#include "portfolj/value.h"

#define PF_VERSION_STRING "0.1.0"

#endif
