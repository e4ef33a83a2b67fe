# Writes the bundled real datasets from Debian's R packages, once, as CSV.
# Run from the repository root: Rscript data/scripts/export_datasets.R
# Factors are written as their labels; missing values as empty fields.
suppressPackageStartupMessages({
  library(survival)   # flchain (survival 3.5-3, LGPL >= 2)
  library(modeldata)  # credit_data, ames (modeldata 1.1.0, MIT)
})

out <- function(df, file) {
  write.csv(df, file.path("data", file), row.names = FALSE, na = "")
  cat(sprintf("%s: %d rows x %d columns\n", file, nrow(df), ncol(df)))
}

# mortality: serum free light chains (Dispenzieri et al. 2012). All columns kept,
# including futime and chapter, which leak the outcome (see data/README.md).
mortality <- survival::flchain
names(mortality) <- gsub(".", "_", names(mortality), fixed = TRUE)
mortality$death <- as.integer(mortality$death)
mortality$mgus <- as.integer(mortality$mgus)
mortality$flc_grp <- as.integer(mortality$flc_grp)
out(mortality, "mortality.csv")

# credit: Status (good/bad) as is, NA kept.
out(as.data.frame(modeldata::credit_data), "credit.csv")

# ames: a subset with correlated size/area/year features (PD vs ALE) and a few
# categoricals. Overall_Cond is an ordered factor; its label is written.
ames_cols <- c("Sale_Price", "Gr_Liv_Area", "First_Flr_SF", "Second_Flr_SF",
               "Total_Bsmt_SF", "TotRms_AbvGrd", "Full_Bath", "Year_Built",
               "Year_Remod_Add", "Garage_Area", "Garage_Cars", "Lot_Area",
               "Overall_Cond", "Bldg_Type", "Neighborhood", "Central_Air")
ames <- as.data.frame(modeldata::ames)[, ames_cols]
out(ames, "ames.csv")
