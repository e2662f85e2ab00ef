/**
 * The functions bundle's entry (shared runtime). Importing the catalogue files is enough: at build time
 * custom-functions-metadata-plugin writes functions.json from their JSDoc and appends a
 * CustomFunctions.associate(id, function) call to each file. The catalogue imports only `def.ts`, never the
 * registry, so the modules evaluate in order with no circle; the HiGHS host is installed first, here.
 */
import { installHighsHost } from "./highsHost";
import "./catalogue/portfolio";
import "./catalogue/book";
import "./catalogue/policy";
import "./catalogue/tilts";
import "./catalogue/futures";
import "./catalogue/liquidity";
import "./catalogue/options";
import "./catalogue/programmes";
import "./catalogue/rates";
import "./catalogue/completion";

installHighsHost();
