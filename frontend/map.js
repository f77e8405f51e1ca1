// The maps: d3-geo projections and paths, topojson-client to read the Natural Earth shapes.
export {
  geoPath, geoConicConformal, geoAzimuthalEqualArea, geoNaturalEarth1, geoBounds, geoCentroid,
  geoGraticule10,
} from "d3-geo";
export { feature, mesh } from "topojson-client";
