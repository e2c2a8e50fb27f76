export { defineJob, type TJob, type TJobContext } from './job.js';
export { createScheduler, type TScheduler, type TSchedulerOptions, type TRunOutcome } from './scheduler.js';
export { earshotJobs, type TEarshotJobsOptions } from './earshot-jobs.js';
export { ZJobsEnv, type TJobsEnv } from './jobs-env.js';
export { eraseAuthor, type TEraseResult } from './erase-author.js';
