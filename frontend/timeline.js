// The timelines: vis-timeline (standalone build: vis-data and moment included).
export { Timeline, DataSet } from "vis-timeline/standalone";
