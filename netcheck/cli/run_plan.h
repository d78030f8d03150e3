/* netcheck run's plan: the profiles and allowlists named by the options
 * (built-in, file or standard input), loaded and checked as a whole. */
#ifndef NC_RUN_PLAN_H
#define NC_RUN_PLAN_H

#include "profile.h"
#include "run_args.h"
#include "servicetags.h"

/*! Load every source of o (the default profile with none) into plan, and
 *  refuse what cannot run (an unused --region, an --only matching
 *  nothing, no check at all), said on stderr.
 *  \return 0 or an exit status (NC_EXIT_USAGE, NC_EXIT_INTERNAL) */
int run_plan_build(const struct run_opts *o, struct nc_plan *plan);

/*! A service_tag needs the file, and one the file does not know would
 *  fail every address of its check: both are input errors, said at once.
 *  \return 0 or NC_EXIT_USAGE */
int run_plan_tags_known(const struct nc_plan *plan,
                        const struct servicetags *tags);

#endif
