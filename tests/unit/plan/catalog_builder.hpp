#pragma once
#include "support/catalog_builder.hpp" // moved there: one catalog builder for every unit test
